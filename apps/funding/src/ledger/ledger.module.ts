import { Module } from '@nestjs/common';
import { Ledger } from './application/ledger';

/**
 * The double-entry ledger; exports Ledger, through which programs, grants and payments post in their own
 * transactions (plan: accounts per program and grant, balanced append-only entries, idempotent by key).
 */
@Module({ providers: [Ledger], exports: [Ledger] })
export class LedgerModule {}
