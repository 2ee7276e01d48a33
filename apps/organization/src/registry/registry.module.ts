import { Module } from '@nestjs/common';
import { ChangeStatusHandler } from './application/change-status';
import { GradeOrganizationHandler } from './application/grade-organization';
import { PutOrganizationHandler } from './application/put-organization';
import { DeregistrationListeners } from './domain/deregistration-listeners';
import { OrganizationDirectory } from './domain/organization-directory';
import { OrganizationRepository } from './domain/organization.repository';
import { PostgresOrganizationDirectory } from './infrastructure/postgres-organization-directory';
import { PostgresOrganizationRepository } from './infrastructure/postgres-organization.repository';
import { RegistryController } from './interface/http/registry.controller';

/**
 * The registry of social organizations; exports OrganizationDirectory for proposals and activities, and
 * DeregistrationListeners, where they register what a deregistration ends (the registry imports neither).
 */
@Module({
  controllers: [RegistryController],
  providers: [
    { provide: OrganizationRepository, useClass: PostgresOrganizationRepository },
    { provide: OrganizationDirectory, useClass: PostgresOrganizationDirectory },
    PutOrganizationHandler,
    ChangeStatusHandler,
    GradeOrganizationHandler,
    DeregistrationListeners,
  ],
  exports: [OrganizationDirectory, DeregistrationListeners],
})
export class RegistryModule {}
