// The ledger's API for the other funding features (programs, grants, payments, reports).
export * from './domain/accounts';
export * from './domain/fen';
export * from './domain/ledger-errors';
export * from './domain/postings';
export { Ledger, type PostResult } from './application/ledger';
export { LedgerModule } from './ledger.module';
export { LedgerErrorFilter, ledgerHttpReply } from './interface/http/ledger-error.filter';
