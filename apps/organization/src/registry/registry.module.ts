import { Module } from '@nestjs/common';
import { OrganizationDirectory } from './domain/organization-directory';
import { PostgresOrganizationDirectory } from './infrastructure/postgres-organization-directory';

/** The registry of social organizations; exports OrganizationDirectory for proposals and activities. */
@Module({
  providers: [{ provide: OrganizationDirectory, useClass: PostgresOrganizationDirectory }],
  exports: [OrganizationDirectory],
})
export class RegistryModule {}
