import { Module } from '@nestjs/common';
import { AssignmentsModule } from '../assignments/assignments.module';
import { HoursModule } from '../hours/hours.module';
import { TrackHoursDisputeVotes } from './application/track-hours-dispute-votes';
import { TrackStaffingVotes } from './application/track-staffing-votes';
import { VotesRepository } from './domain/votes.repository';
import { PostgresVotesRepository } from './infrastructure/postgres-votes.repository';
import { StaffingVotesSubscriber } from './interface/events/staffing-votes.subscriber';
import { TalentVotesController } from './interface/http/talent-votes.controller';

/**
 * The talent party's automatic vote: on activity proposals by the staffing rules, on hours disputes by
 * HOURS_DISPUTE_RULES (reading the hours records and assignments their features export).
 */
@Module({
  imports: [HoursModule, AssignmentsModule],
  controllers: [TalentVotesController],
  providers: [
    { provide: VotesRepository, useClass: PostgresVotesRepository },
    TrackStaffingVotes,
    TrackHoursDisputeVotes,
    StaffingVotesSubscriber,
  ],
})
export class VotesModule {}
