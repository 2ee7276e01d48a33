import { Module } from '@nestjs/common';
import { RepresentativesModule } from '../representatives/representatives.module';
import { CastVoteHandler } from './application/cast-vote';
import { TrackDecisions } from './application/track-decisions';
import { DecisionRepository } from './domain/decision.repository';
import { PostgresDecisionRepository } from './infrastructure/postgres-decision.repository';
import { DecisionEventsSubscriber } from './interface/events/decision-events.subscriber';
import { VotesController } from './interface/http/votes.controller';

/** The community's votes: decisions that seat its parties (from governance's events), and votes cast by its representatives. */
@Module({
  imports: [RepresentativesModule],
  controllers: [VotesController],
  providers: [
    { provide: DecisionRepository, useClass: PostgresDecisionRepository },
    CastVoteHandler,
    TrackDecisions,
    DecisionEventsSubscriber,
  ],
})
export class VotesModule {}
