import { type DynamicModule, Module } from '@nestjs/common';
import { type ServiceConfig, ServiceKitModule } from '@sanshe/service-kit';
import { migrations } from '../migrations';
import type { FundingConfig } from './config/funding-config';
import { FundingConfigModule } from './config/funding-config.tokens';
import { FundingEventsModule } from './events/funding-events.module';
// F2 modules
import { DirectoryModule } from './directory/directory.module';
import { ProgramsModule } from './programs/programs.module';
// F3 modules
// F4 modules
import { ApplicationsModule } from './applications/applications.module';
import { GrantsModule } from './grants/grants.module';
import { VotesModule } from './votes/votes.module';
// F5 modules
import { ClawbacksModule } from './clawbacks/clawbacks.module';
import { PaymentsModule } from './payments/payments.module';
import { FundingActivitiesModule, fundingActivityWorker } from './worker/funding-worker.module';
// F6 modules
import { GapsModule } from './gaps/gaps.module';
import { ReportsModule } from './reports/reports.module';
// issue 16 modules
import { DisbursementRequestsModule } from './disbursement-requests/disbursement-requests.module';
// issue 17 modules
import { PortalsModule } from './portals/portals.module';

/** How funding's inbox retries an event that failed: as talent's and the organization's do. */
export const FUNDING_CONSUMER = { retryDelayMs: 200, retryMaxDelayMs: 30_000, deadLetterAfterMs: 6 * 3_600_000 };

/**
 * Funding's features, without the service kit: AppModule puts them on the kit, the tests
 * (test/funding-test-app.ts) on a kit of their own schema.
 */
export const fundingFeatureModules = (funding: FundingConfig): DynamicModule['imports'] => [
  FundingConfigModule.forRoot(funding),
  FundingEventsModule.forRoot(funding),
  // F2 modules
  DirectoryModule,
  ProgramsModule,
  // F3 modules
  // F4 modules (in this order: on one event, applications' handler runs before grants', grants' before votes')
  ApplicationsModule,
  GrantsModule,
  VotesModule,
  // F5 modules
  PaymentsModule,
  ClawbacksModule,
  FundingActivitiesModule,
  // F6 modules
  ReportsModule,
  GapsModule,
  // issue 16 modules
  DisbursementRequestsModule,
  // issue 17 modules (the portal registry's copy, portals' programs, replies to portals' commands)
  PortalsModule,
];

/**
 * The funding service: programs and their budgets, applications and grants decided in governance, a
 * double-entry ledger, payments that never pay twice, reports and gap warnings, on the service kit
 * (its own schema, outbox, inbox).
 */
@Module({})
export class AppModule {
  static forRoot(this: void, config: ServiceConfig, funding: FundingConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot({ config, migrations, consumer: FUNDING_CONSUMER }),
        ...(fundingFeatureModules(funding) ?? []),
        // F5 modules: funding's Temporal worker, in the service process only (never in a feature test)
        fundingActivityWorker(config, funding),
      ],
    };
  }
}
