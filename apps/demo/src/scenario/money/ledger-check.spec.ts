import { paidAgainstLedger, parseLedgerVerify } from './ledger-check';

// As apps/funding/src/ledger/verify/verify-ledger.ts prints it: padded columns, then a count line, then the JSON.
const printed = (status: 'ok' | 'mismatch', paidG1 = '1440000', row = 'ok') =>
  [
    'account                      currency  stored fen            recomputed fen        status',
    'grant/grant-app-p1/paid      CNY       1440000               ' + paidG1.padEnd(20) + '  ' + row,
    'grant/grant-app-p1/reserved  CNY       3360000               3360000               ok',
    'program/prog-1/available     CNY       95200000              95200000              ok',
    '3 accounts, 9 entries, 0 mismatches',
    JSON.stringify({ ledgerVerify: status, accounts: 3, entries: 9, mismatches: [] }),
  ].join('\n');

describe('ledger:verify as the demo reads it', () => {
  it('reads every account row and the closing report', () => {
    const ledger = parseLedgerVerify(printed('ok'));
    expect(ledger).toMatchObject({ ledgerVerify: 'ok', entries: 9, mismatches: [] });
    expect([...ledger.accounts.keys()]).toEqual([
      'grant/grant-app-p1/paid',
      'grant/grant-app-p1/reserved',
      'program/prog-1/available',
    ]);
    expect(ledger.accounts.get('grant/grant-app-p1/paid')).toEqual({
      ...{ accountId: 'grant/grant-app-p1/paid', currency: 'CNY' },
      ...{ storedFen: 1_440_000n, recomputedFen: 1_440_000n, ok: true },
    });
  });

  it('refuses output whose last line is no report', () => {
    expect(() => parseLedgerVerify('ledger:verify failed: connection refused')).toThrow();
    expect(() => parseLedgerVerify(JSON.stringify({ accounts: 1 }))).toThrow(/no report/);
  });

  it('a paid grant matches only when its paid account, recomputed from the journal, is what its payments add up to', () => {
    const paid = [{ grantId: 'grant-app-p1', programId: 'prog-1', paidFen: 1_440_000 }];
    expect(paidAgainstLedger(paid, parseLedgerVerify(printed('ok')))).toEqual([
      { ...paid[0], ledgerPaidFen: 1_440_000n, matches: true },
    ]);
    // The journal says otherwise, the account is out of order, or there is no account at all: no match.
    expect(paidAgainstLedger(paid, parseLedgerVerify(printed('ok', '1440001')))[0]?.matches).toBe(false);
    expect(paidAgainstLedger(paid, parseLedgerVerify(printed('mismatch', '1440000', 'MISMATCH')))[0]?.matches).toBe(
      false,
    );
    expect(paidAgainstLedger([{ ...paid[0]!, grantId: 'grant-other' }], parseLedgerVerify(printed('ok')))).toEqual([
      expect.objectContaining({ ledgerPaidFen: null, matches: false }),
    ]);
  });
});
