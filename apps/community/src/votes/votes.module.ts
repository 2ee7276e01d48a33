import { Module } from '@nestjs/common';
import { RepresentativesModule } from '../representatives/representatives.module';
import { CastVoteHandler } from './application/cast-vote';
import { RequestCallInHandler } from './application/request-call-in';
import { TrackDecisions } from './application/track-decisions';
import { TrackFilings } from './application/track-filings';
import { DecisionRepository } from './domain/decision.repository';
import { FilingRepository } from './domain/filing.repository';
import { PostgresDecisionRepository } from './infrastructure/postgres-decision.repository';
import { PostgresFilingRepository } from './infrastructure/postgres-filing.repository';
import { DecisionEventsSubscriber } from './interface/events/decision-events.subscriber';
import { CallInsController } from './interface/http/call-ins.controller';
import { VotesController } from './interface/http/votes.controller';

/**
 * The community's votes and call-ins: decisions and filings that seat its parties (from governance's
 * events), and the votes and call-ins its representatives send.
 */
@Module({
  imports: [RepresentativesModule],
  controllers: [VotesController, CallInsController],
  providers: [
    { provide: DecisionRepository, useClass: PostgresDecisionRepository },
    { provide: FilingRepository, useClass: PostgresFilingRepository },
    CastVoteHandler,
    RequestCallInHandler,
    TrackDecisions,
    TrackFilings,
    DecisionEventsSubscriber,
  ],
})
export class VotesModule {}
