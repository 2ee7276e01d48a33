import { type DynamicModule, Module } from '@nestjs/common';
import { TemporalWorkerModule } from '@sanshe/nest-platform';
import type { ServiceConfig } from '@sanshe/service-kit';
import { ClawbacksModule } from '../clawbacks/clawbacks.module';
import type { FundingConfig } from '../config/funding-config';
import { LedgerModule } from '../ledger/ledger.module';
import { PaymentsModule } from '../payments/payments.module';
import { GrantBudgetHandlers } from './application/grant-budget-handlers';
import { GrantBudgets } from './domain/grant-budget';
import { FundingTemporalActivities } from './infrastructure/funding-activities';
import { PostgresGrantBudgets } from './infrastructure/postgres-grant-budgets';

/** Funding's Temporal activities (FundingActivities) and what they call: payments, clawbacks, the grants' budget. */
@Module({
  imports: [LedgerModule, PaymentsModule, ClawbacksModule],
  providers: [
    { provide: GrantBudgets, useClass: PostgresGrantBudgets },
    GrantBudgetHandlers,
    FundingTemporalActivities,
  ],
  exports: [FundingTemporalActivities],
})
export class FundingActivitiesModule {}

/**
 * Funding's Temporal worker: activities only (FundingActivities), polling FUNDING_TEMPORAL_TASK_QUEUE for the
 * workflows governance runs. Only the service process hosts it (AppModule), not the features' integration
 * tests: a test app polling the shared queue would take tasks meant for the real service.
 */
export function fundingActivityWorker(config: ServiceConfig, funding: FundingConfig): DynamicModule {
  return TemporalWorkerModule.forRootAsync({
    imports: [FundingActivitiesModule],
    inject: [FundingTemporalActivities],
    useFactory: (activities: FundingTemporalActivities) => ({
      address: config.TEMPORAL_ADDRESS,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: funding.FUNDING_TEMPORAL_TASK_QUEUE,
      activities: activities.activities(),
    }),
  });
}
