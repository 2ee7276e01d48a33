import { Module } from '@nestjs/common';
import { ConsentLedger } from './domain/consent-ledger';
import { ConsentRepository } from './domain/consent.repository';
import { PostgresConsentRepository } from './infrastructure/postgres-consent.repository';

/**
 * Residents' consents per purpose, given or withdrawn through a residents' representative or a residents'
 * portal. Exports ConsentLedger: data access asks it who consents at the moment of a grant or a read.
 */
@Module({
  providers: [
    PostgresConsentRepository,
    { provide: ConsentRepository, useExisting: PostgresConsentRepository },
    { provide: ConsentLedger, useExisting: PostgresConsentRepository },
  ],
  exports: [ConsentLedger],
})
export class ConsentsModule {}
