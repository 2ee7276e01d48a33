import { Module } from '@nestjs/common';
import type { CommunityConfig } from '../config/community-config';
import { COMMUNITY_CONFIG } from '../config/community-config.tokens';
import { CorrectResidentHandler } from './application/correct-resident';
import { ReadResidentsHandler } from './application/read-residents';
import { RegisterResidentHandler } from './application/register-resident';
import { ResidentRepository } from './domain/resident.repository';
import { ResidentVault } from './domain/resident-vault';
import { resolveDataKeys } from './infrastructure/data-keys';
import { FieldCipher } from './infrastructure/field-cipher';
import { PostgresResidentRepository } from './infrastructure/postgres-resident.repository';
import { PostgresResidentVault } from './infrastructure/postgres-resident-vault';
import { FIELD_CIPHER, ResidentSealer } from './infrastructure/resident-sealer';
import { ResidentsController } from './interface/http/residents.controller';

/**
 * The resident register: personal fields encrypted at rest, known to the rest of the platform only by
 * pseudonymous ids. Exports ResidentVault (consents and data access check residents; a grant's read reveals).
 */
@Module({
  controllers: [ResidentsController],
  providers: [
    {
      provide: FIELD_CIPHER,
      useFactory: (config: CommunityConfig) => new FieldCipher(resolveDataKeys(config)),
      inject: [COMMUNITY_CONFIG],
    },
    { provide: ResidentRepository, useClass: PostgresResidentRepository },
    { provide: ResidentVault, useClass: PostgresResidentVault },
    ResidentSealer,
    RegisterResidentHandler,
    CorrectResidentHandler,
    ReadResidentsHandler,
  ],
  exports: [ResidentVault],
})
export class ResidentsModule {}
