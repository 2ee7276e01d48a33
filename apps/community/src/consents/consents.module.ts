import { Module } from '@nestjs/common';
import { RepresentativesModule } from '../representatives/representatives.module';
import { ResidentsModule } from '../residents/residents.module';
import { ReadConsentsHandler } from './application/read-consents';
import { RecordConsentHandler } from './application/record-consent';
import { ResidentCommunity } from './application/resident-community';
import { ConsentLedger } from './domain/consent-ledger';
import { ConsentRepository } from './domain/consent.repository';
import { PostgresConsentRepository } from './infrastructure/postgres-consent.repository';
import { ConsentsController } from './interface/http/consents.controller';

/**
 * Residents' consents per purpose, given or withdrawn through a residents' representative or a residents'
 * portal. Exports ConsentLedger: data access asks it who consents at the moment of a grant or a read.
 */
@Module({
  imports: [ResidentsModule, RepresentativesModule],
  controllers: [ConsentsController],
  providers: [
    PostgresConsentRepository,
    { provide: ConsentRepository, useExisting: PostgresConsentRepository },
    { provide: ConsentLedger, useExisting: PostgresConsentRepository },
    ResidentCommunity,
    RecordConsentHandler,
    ReadConsentsHandler,
  ],
  exports: [ConsentLedger],
})
export class ConsentsModule {}
