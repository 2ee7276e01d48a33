import { type DynamicModule, Module } from '@nestjs/common';
import { type ServiceConfig, ServiceKitModule } from '@sanshe/service-kit';
import { migrations } from '../migrations';
import { AreasModule } from './areas/areas.module';
import type { CommunityConfig } from './config/community-config';
import { CommunityConfigModule } from './config/community-config.tokens';
import { ConsentsModule } from './consents/consents.module';
import { DataAccessModule } from './data-access/data-access.module';
import { DisbursementsModule } from './disbursements/disbursements.module';
import { CommunityEventsModule } from './events/community-events.module';
import { RepresentativesModule } from './representatives/representatives.module';
import { VotesModule } from './votes/votes.module';
import { HoursModule } from './hours/hours.module';
import { EvaluationsModule } from './evaluations/evaluations.module';
import { OverviewModule } from './overview/overview.module';
import { NeedsModule } from './needs/needs.module';
import { VenuesModule } from './venues/venues.module';
import { ResidentsModule } from './residents/residents.module';

/** How the community's inbox retries an event that failed: as governance's bridge does. */
export const COMMUNITY_CONSUMER = { retryDelayMs: 200, retryMaxDelayMs: 30_000, deadLetterAfterMs: 6 * 3_600_000 };

/**
 * The community's features, without the service kit: AppModule puts them on the kit, the tests
 * (test/community-test-app.ts) on a kit of their own schema.
 */
export const communityFeatureModules = (community: CommunityConfig): DynamicModule['imports'] => [
  CommunityConfigModule.forRoot(community),
  CommunityEventsModule,
  AreasModule,
  RepresentativesModule,
  VotesModule,
  HoursModule,
  NeedsModule,
  VenuesModule,
  EvaluationsModule,
  OverviewModule,
  ConsentsModule,
  ResidentsModule,
  DataAccessModule,
  DisbursementsModule,
];

/**
 * The community service: the administrative hierarchy, representatives, the community's votes, needs,
 * venues and evaluations, on the service kit (its own schema, outbox and inbox).
 */
@Module({})
export class AppModule {
  static forRoot(this: void, config: ServiceConfig, community: CommunityConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot({ config, migrations, consumer: COMMUNITY_CONSUMER }),
        ...(communityFeatureModules(community) ?? []),
      ],
    };
  }
}
