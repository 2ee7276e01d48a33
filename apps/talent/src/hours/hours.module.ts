import { type DynamicModule, Module } from '@nestjs/common';
import { TemporalWorkerModule } from '@sanshe/nest-platform';
import type { ServiceConfig } from '@sanshe/service-kit';
import type { TalentConfig } from '../config/talent-config';
import { RewardsModule } from '../rewards/rewards.module';
import { WorkersModule } from '../workers/workers.module';
import { ReadHoursHandler } from './application/read-hours';
import { RecordHoursHandler } from './application/record-hours';
import { SettleHoursHandler } from './application/settle-hours';
import { HoursRepository } from './domain/hours.repository';
import { PostgresHoursRepository } from './infrastructure/postgres-hours.repository';
import { TalentActivities } from './infrastructure/talent-activities';
import { HoursController } from './interface/http/hours.controller';

/**
 * Hours served, recorded by the organization and settled by governance's hours workflow through
 * TalentActivities; volunteers' confirmed hours form the time bank, and confirmed hours earn rewards.
 */
@Module({
  imports: [WorkersModule, RewardsModule],
  controllers: [HoursController],
  providers: [
    { provide: HoursRepository, useClass: PostgresHoursRepository },
    RecordHoursHandler,
    SettleHoursHandler,
    ReadHoursHandler,
    TalentActivities,
  ],
  exports: [TalentActivities, HoursRepository],
})
export class HoursModule {}

/**
 * Talent's Temporal worker: activities only (HoursActivities), polling TALENT_TEMPORAL_TASK_QUEUE for the
 * hours workflow that governance runs. Only the service process hosts it (AppModule), not the features'
 * integration tests: a test app polling the shared queue would take tasks meant for the real service.
 */
export function talentActivityWorker(config: ServiceConfig, talent: TalentConfig): DynamicModule {
  return TemporalWorkerModule.forRootAsync({
    imports: [HoursModule],
    inject: [TalentActivities],
    useFactory: (activities: TalentActivities) => ({
      address: config.TEMPORAL_ADDRESS,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: talent.TALENT_TEMPORAL_TASK_QUEUE,
      activities: activities.activities(),
    }),
  });
}
