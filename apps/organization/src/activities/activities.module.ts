import { Module } from '@nestjs/common';
import { ActivityScheduling } from './domain/activity-scheduling';
import { PostgresActivityScheduling } from './infrastructure/postgres-activity-scheduling';

/**
 * Activities: what an approved or filed proposal becomes (sessions, attendance, groups, the completion
 * report with its evidence). Exports ActivityScheduling, the port the proposals feature drives.
 */
@Module({
  providers: [{ provide: ActivityScheduling, useClass: PostgresActivityScheduling }],
  exports: [ActivityScheduling],
})
export class ActivitiesModule {}
