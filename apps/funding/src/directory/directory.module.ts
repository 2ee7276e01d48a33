import { Module } from '@nestjs/common';
import { FundingOrganizationDirectory } from './domain/funding-organization';
import { PostgresFundingOrganizationDirectory } from './infrastructure/postgres-funding-organization-directory';
import { OrganizationsSubscriber } from './interface/events/organizations.subscriber';

/** The organizations read model (from the organization service's registry events), for eligibility. */
@Module({
  providers: [
    { provide: FundingOrganizationDirectory, useClass: PostgresFundingOrganizationDirectory },
    OrganizationsSubscriber,
  ],
  exports: [FundingOrganizationDirectory],
})
export class DirectoryModule {}
