import { type DynamicModule, Module } from '@nestjs/common';
import { type ServiceConfig, ServiceKitModule } from '@sanshe/service-kit';
import { migrations } from '../migrations';
import type { OrganizationConfig } from './config/organization-config';
import { OrganizationConfigModule } from './config/organization-config.tokens';
import { OrganizationEventsModule } from './events/organization-events.module';
import { RegistryModule } from './registry/registry.module';
import { VotesModule } from './votes/votes.module';
// O3 modules
import { ProposalsModule } from './proposals/proposals.module';
// O4 modules
import { ActivitiesModule } from './activities/activities.module';
import { ProfileModule } from './profile/profile.module';
// issue 16 modules
import { EvidencePackagesModule } from './evidence-packages/evidence-packages.module';

/** How the organization's inbox retries an event that failed: as governance's bridge does. */
export const ORGANIZATION_CONSUMER = { retryDelayMs: 200, retryMaxDelayMs: 30_000, deadLetterAfterMs: 6 * 3_600_000 };

/**
 * The organization's features, without the service kit: AppModule puts them on the kit, the tests
 * (test/organization-test-app.ts) on a kit of their own schema.
 */
export const organizationFeatureModules = (organization: OrganizationConfig): DynamicModule['imports'] => [
  OrganizationConfigModule.forRoot(organization),
  OrganizationEventsModule,
  RegistryModule,
  VotesModule,
  // O3 modules
  ProposalsModule,
  // O4 modules
  ActivitiesModule,
  ProfileModule,
  // issue 16 modules
  EvidencePackagesModule,
];

/**
 * The organization service: the registry of social organizations, their votes and call-ins, proposals,
 * activities and capacity profiles, on the service kit (its own schema, outbox and inbox).
 */
@Module({})
export class AppModule {
  static forRoot(this: void, config: ServiceConfig, organization: OrganizationConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot({ config, migrations, consumer: ORGANIZATION_CONSUMER }),
        ...(organizationFeatureModules(organization) ?? []),
      ],
    };
  }
}
