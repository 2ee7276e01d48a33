import { Module } from '@nestjs/common';
import { RegistryModule } from '../registry/registry.module';
import { ActivityEvents } from './application/activity-events';
import { CancelActivitiesOnDeregistration } from './application/cancel-on-deregistration';
import { ChangeActivityHandler } from './application/change-activity';
import { CompleteActivityHandler } from './application/complete-activity';
import { ManageGroupsHandler } from './application/manage-groups';
import { ReadActivitiesHandler } from './application/read-activities';
import { ActivityScheduling } from './domain/activity-scheduling';
import { ActivityRepository, GroupRepository, ReportRepository } from './domain/activity.repository';
import { PostgresActivityScheduling } from './infrastructure/postgres-activity-scheduling';
import { PostgresActivityRepository } from './infrastructure/postgres-activity.repository';
import { PostgresGroupRepository } from './infrastructure/postgres-group.repository';
import { PostgresReportRepository } from './infrastructure/postgres-report.repository';
import { ActivitiesController } from './interface/http/activities.controller';
import { ActivityGroupsController } from './interface/http/activity-groups.controller';

/**
 * Activities: what an approved or filed proposal becomes (sessions, attendance, groups, the completion
 * report with its evidence). Exports ActivityScheduling, the port the proposals feature drives, and
 * ActivityRepository (the capacity profile counts activities and learns their grants). A deregistration
 * cancels the organization's live activities (CancelActivitiesOnDeregistration).
 */
@Module({
  imports: [RegistryModule],
  controllers: [ActivitiesController, ActivityGroupsController],
  providers: [
    { provide: ActivityRepository, useClass: PostgresActivityRepository },
    { provide: GroupRepository, useClass: PostgresGroupRepository },
    { provide: ReportRepository, useClass: PostgresReportRepository },
    { provide: ActivityScheduling, useClass: PostgresActivityScheduling },
    ActivityEvents,
    ChangeActivityHandler,
    ManageGroupsHandler,
    CompleteActivityHandler,
    ReadActivitiesHandler,
    CancelActivitiesOnDeregistration,
  ],
  exports: [ActivityScheduling, ActivityRepository],
})
export class ActivitiesModule {}
