import { type DynamicModule, Module } from '@nestjs/common';
import { type ServiceConfig, ServiceKitModule } from '@sanshe/service-kit';
import { migrations } from '../migrations';
import type { TalentConfig } from './config/talent-config';
import { TalentConfigModule } from './config/talent-config.tokens';
import { TalentEventsModule } from './events/talent-events.module';
import { EducationModule } from './education/education.module';
import { WorkersModule } from './workers/workers.module';
// T4 modules
import { HoursModule, talentActivityWorker } from './hours/hours.module';
import { RewardsModule } from './rewards/rewards.module';
// T5 modules
import { AssignmentsModule } from './assignments/assignments.module';
import { VotesModule } from './votes/votes.module';
// T6 modules
import { WorkforceModule } from './workforce/workforce.module';
// Issue 16 modules
import { AssessmentsModule } from './assessments/assessments.module';

/** How talent's inbox retries an event that failed: as the organization's does. */
export const TALENT_CONSUMER = { retryDelayMs: 200, retryMaxDelayMs: 30_000, deadLetterAfterMs: 6 * 3_600_000 };

/**
 * Talent's features, without the service kit: AppModule puts them on the kit, the tests
 * (test/talent-test-app.ts) on a kit of their own schema.
 */
export const talentFeatureModules = (talent: TalentConfig): DynamicModule['imports'] => [
  TalentConfigModule.forRoot(talent),
  TalentEventsModule,
  WorkersModule,
  EducationModule,
  // T4 modules
  RewardsModule,
  HoursModule,
  // T5 modules
  AssignmentsModule,
  VotesModule,
  // T6 modules
  WorkforceModule,
  // Issue 16 modules
  AssessmentsModule,
];

/**
 * The talent service: workers and their continuing education, hours, rewards, staffing rules and the
 * talent party's vote, assignments and workforce health, on the service kit (its own schema, outbox, inbox).
 */
@Module({})
export class AppModule {
  static forRoot(this: void, config: ServiceConfig, talent: TalentConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot({ config, migrations, consumer: TALENT_CONSUMER }),
        ...(talentFeatureModules(talent) ?? []),
        // T4 modules: talent's Temporal worker, in the service process only (never in a feature test)
        talentActivityWorker(config, talent),
      ],
    };
  }
}
