import { Module } from '@nestjs/common';
import { GrantsModule } from '../grants/grants.module';
import { CastStaffVoteHandler } from './application/cast-staff-vote';
import { SeatFacts } from './application/seat-facts';
import { TrackFunderSeat } from './application/track-funder-seat';
import { VotesRepository } from './domain/votes.repository';
import { PostgresVotesRepository } from './infrastructure/postgres-votes.repository';
import { FunderSeatSubscriber } from './interface/events/funder-seat.subscriber';
import { FunderVotesController } from './interface/http/funder-votes.controller';

/**
 * The funder's seat: votes by FUNDING_VOTE_RULES when the program votes by rules, else by the funder's
 * staff over HTTP; reads grants, applications, programs and the ledger through the modules it imports.
 */
@Module({
  imports: [GrantsModule],
  controllers: [FunderVotesController],
  providers: [
    { provide: VotesRepository, useClass: PostgresVotesRepository },
    SeatFacts,
    TrackFunderSeat,
    CastStaffVoteHandler,
    FunderSeatSubscriber,
  ],
})
export class VotesModule {}
