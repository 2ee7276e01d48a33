import { Module } from '@nestjs/common';
import { CastVoteHandler } from './application/cast-vote';
import { RequestCallInHandler } from './application/request-call-in';
import { TrackGovernance } from './application/track-governance';
import { DecisionRepository } from './domain/decision.repository';
import { FilingRepository } from './domain/filing.repository';
import { PostgresDecisionRepository } from './infrastructure/postgres-decision.repository';
import { PostgresFilingRepository } from './infrastructure/postgres-filing.repository';
import { GovernanceSubscriber } from './interface/events/governance.subscriber';
import { VotesController } from './interface/http/votes.controller';

/** The organization's votes and call-ins: decisions and filings that seat it (from governance's events). */
@Module({
  controllers: [VotesController],
  providers: [
    { provide: DecisionRepository, useClass: PostgresDecisionRepository },
    { provide: FilingRepository, useClass: PostgresFilingRepository },
    TrackGovernance,
    CastVoteHandler,
    RequestCallInHandler,
    GovernanceSubscriber,
  ],
})
export class VotesModule {}
