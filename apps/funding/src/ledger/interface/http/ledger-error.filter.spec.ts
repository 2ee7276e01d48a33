import { LedgerError, type LedgerErrorCode } from '../../domain/ledger-errors';
import { ledgerHttpReply } from './ledger-error.filter';

it.each<[LedgerErrorCode, number]>([
  ['idempotency-conflict', 409],
  ['insufficient-funds', 409],
  ['award-exceeded', 409],
  ['currency-mismatch', 400],
  ['invalid-posting', 400],
  ['unknown-account', 404],
])('%s → %i', (code, status) => {
  expect(ledgerHttpReply(new LedgerError(code, 'why')).status).toBe(status);
});

it('puts the refusal detail in the body: account, balance, amount requested', () => {
  const detail = { account: 'program/p1/available', balanceFen: 250, requestedFen: 300 };
  expect(ledgerHttpReply(new LedgerError('insufficient-funds', 'short', detail)).body).toEqual({
    code: 'insufficient-funds',
    message: 'short',
    ...detail,
  });
});
