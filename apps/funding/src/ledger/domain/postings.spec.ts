import { grantAccounts, programAccounts } from './accounts';
import { balanceMoves } from './balance-rules';
import { postingContentHash } from './content-hash';
import { fenFromPg } from './fen';
import { LedgerError } from './ledger-errors';
import { fundProgram, instructPayment, type Posting, reserveGrant, settlePayment } from './postings';

const cny = (amountFen: number) => ({ amountFen, currency: 'CNY' });
const accountsOf = (balances: Record<string, number>) => {
  const all = [...programAccounts('p1', 'CNY'), ...grantAccounts('g1', 'CNY', 500)];
  return new Map(all.map((a) => [a.accountId, { ...a, balanceFen: balances[a.accountId] ?? 0 }]));
};
const refusal = (run: () => unknown): LedgerError => {
  try {
    run();
  } catch (err) {
    if (err instanceof LedgerError) return err;
    throw err;
  }
  throw new Error('not refused');
};

describe('posting builders', () => {
  it('reserve moves the award from the program available to the grant reserved under reserve/<grantId>', () => {
    expect(reserveGrant('p1', 'g1', cny(300))).toEqual({
      idempotencyKey: 'reserve/g1',
      kind: 'reserve',
      cause: { type: 'grant', id: 'g1' },
      currency: 'CNY',
      lines: [
        { accountId: 'grant/g1/reserved', side: 'debit', amountFen: 300 },
        { accountId: 'program/p1/available', side: 'credit', amountFen: 300 },
      ],
    });
    expect(instructPayment('g1', 2, cny(1)).idempotencyKey).toBe('instruct/g1/2');
  });

  it.each([0, -5, 1.5, Number.MAX_SAFE_INTEGER + 1])('refuses the amount %p', (amountFen) => {
    expect(refusal(() => fundProgram('p1', cny(amountFen), 1)).code).toBe('invalid-posting');
  });

  it('hashes kind, currency and lines, not the cause', () => {
    const posting = settlePayment('g1', 1, cny(100));
    expect(postingContentHash({ ...posting, cause: { type: 'grant', id: 'other' } })).toBe(postingContentHash(posting));
    expect(postingContentHash(settlePayment('g1', 1, cny(101)))).not.toBe(postingContentHash(posting));
  });
});

describe('balance rules', () => {
  it('moves each account on its normal side', () => {
    const moves = balanceMoves(accountsOf({ 'program/p1/available': 5 }), fundProgram('p1', cny(1_000), 1));
    expect(
      [...moves.values()].map(({ account, deltaFen, afterFen }) => [account.accountId, deltaFen, afterFen]),
    ).toEqual([
      ['program/p1/available', 1_000, 1_005],
      ['program/p1/source', 1_000, 1_000],
    ]);
  });

  it('refuses going below zero, naming the account, its balance and the amount requested', () => {
    const error = refusal(() =>
      balanceMoves(accountsOf({ 'program/p1/available': 250 }), reserveGrant('p1', 'g1', cny(300))),
    );
    expect(error.code).toBe('insufficient-funds');
    expect(error.detail).toEqual({ account: 'program/p1/available', balanceFen: 250, requestedFen: 300 });
  });

  it('refuses passing the award with award-exceeded', () => {
    const accounts = accountsOf({ 'grant/g1/payable': 200, 'grant/g1/paid': 400 });
    const error = refusal(() => balanceMoves(accounts, settlePayment('g1', 2, cny(200))));
    expect(error.code).toBe('award-exceeded');
    expect(error.detail).toEqual({ account: 'grant/g1/paid', balanceFen: 400, requestedFen: 200, capFen: 500 });
  });

  it('refuses an unbalanced posting, another currency and an unknown account', () => {
    const unbalanced: Posting = { ...fundProgram('p1', cny(5), 1), lines: [fundProgram('p1', cny(5), 1).lines[0]] };
    expect(refusal(() => balanceMoves(accountsOf({}), unbalanced)).code).toBe('invalid-posting');
    const usd = fundProgram('p1', { amountFen: 5, currency: 'USD' }, 1);
    expect(refusal(() => balanceMoves(accountsOf({}), usd)).code).toBe('currency-mismatch');
    expect(refusal(() => balanceMoves(accountsOf({}), reserveGrant('p1', 'g9', cny(1)))).code).toBe('unknown-account');
  });
});

describe('fenFromPg', () => {
  it('parses bigint text exactly and refuses what is not a safe integer', () => {
    expect(fenFromPg('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(fenFromPg('-42')).toBe(-42);
    expect(() => fenFromPg('9007199254740992')).toThrow(/MAX_SAFE_INTEGER/);
    expect(() => fenFromPg('12.5')).toThrow(/not an integer/);
    expect(() => fenFromPg('1e3')).toThrow(/not an integer/);
  });
});
