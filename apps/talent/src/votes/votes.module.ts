import { Module } from '@nestjs/common';
import { TrackStaffingVotes } from './application/track-staffing-votes';
import { VotesRepository } from './domain/votes.repository';
import { PostgresVotesRepository } from './infrastructure/postgres-votes.repository';
import { StaffingVotesSubscriber } from './interface/events/staffing-votes.subscriber';
import { TalentVotesController } from './interface/http/talent-votes.controller';

/** The talent party's automatic vote on activity proposals, by the staffing rules. */
@Module({
  controllers: [TalentVotesController],
  providers: [
    { provide: VotesRepository, useClass: PostgresVotesRepository },
    TrackStaffingVotes,
    StaffingVotesSubscriber,
  ],
})
export class VotesModule {}
