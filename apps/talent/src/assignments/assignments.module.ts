import { Module } from '@nestjs/common';
import { WorkersModule } from '../workers/workers.module';
import { AssignWorkerHandler } from './application/assign-worker';
import { ReadStaffingHandler } from './application/read-staffing';
import { ReleaseAssignmentHandler } from './application/release-assignment';
import { TrackActivities } from './application/track-activities';
import { AssignmentRepository } from './domain/assignment.repository';
import { PostgresAssignmentRepository } from './infrastructure/postgres-assignment.repository';
import { ActivitiesSubscriber } from './interface/events/activities.subscriber';
import { AssignmentsController } from './interface/http/assignments.controller';

/** Activities from the organizations' events and the workers assigned to them. */
@Module({
  imports: [WorkersModule],
  controllers: [AssignmentsController],
  providers: [
    { provide: AssignmentRepository, useClass: PostgresAssignmentRepository },
    AssignWorkerHandler,
    ReleaseAssignmentHandler,
    ReadStaffingHandler,
    TrackActivities,
    ActivitiesSubscriber,
  ],
  exports: [AssignmentRepository],
})
export class AssignmentsModule {}
