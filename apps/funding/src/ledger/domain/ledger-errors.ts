/**
 * The ledger's coded errors. Conflicts (409): `idempotency-conflict` (a key reused for other content),
 * `insufficient-funds` (a debit-normal account would go below zero), `award-exceeded` (a capped account
 * would pass the award); `currency-mismatch` and `invalid-posting` are bad input (400); `unknown-account`
 * a posting to an account never opened (404). interface/http/ledger-error.filter.ts maps every code.
 */
export type LedgerErrorCode =
  | 'idempotency-conflict'
  | 'insufficient-funds'
  | 'award-exceeded'
  | 'currency-mismatch'
  | 'invalid-posting'
  | 'unknown-account';

/** For the balance refusals: which account, its balance before, and how much the posting asked of it. */
export interface LedgerRefusalDetail {
  account: string;
  balanceFen: number;
  requestedFen: number;
  capFen?: number;
}

export class LedgerError extends Error {
  constructor(
    readonly code: LedgerErrorCode,
    message: string,
    readonly detail?: LedgerRefusalDetail,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'LedgerError';
  }
}
