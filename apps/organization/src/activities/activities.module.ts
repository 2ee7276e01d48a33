import { Module } from '@nestjs/common';
import { ActivityEvents } from './application/activity-events';
import { ActivityScheduling } from './domain/activity-scheduling';
import { ActivityRepository, GroupRepository, ReportRepository } from './domain/activity.repository';
import { PostgresActivityScheduling } from './infrastructure/postgres-activity-scheduling';
import { PostgresActivityRepository } from './infrastructure/postgres-activity.repository';
import { PostgresGroupRepository } from './infrastructure/postgres-group.repository';
import { PostgresReportRepository } from './infrastructure/postgres-report.repository';

/**
 * Activities: what an approved or filed proposal becomes (sessions, attendance, groups, the completion
 * report with its evidence). Exports ActivityScheduling, the port the proposals feature drives, and
 * ActivityRepository (the capacity profile counts activities and learns their grants).
 */
@Module({
  providers: [
    { provide: ActivityRepository, useClass: PostgresActivityRepository },
    { provide: GroupRepository, useClass: PostgresGroupRepository },
    { provide: ReportRepository, useClass: PostgresReportRepository },
    { provide: ActivityScheduling, useClass: PostgresActivityScheduling },
    ActivityEvents,
  ],
  exports: [ActivityScheduling, ActivityRepository],
})
export class ActivitiesModule {}
