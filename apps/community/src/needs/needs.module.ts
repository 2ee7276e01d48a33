import { Module } from '@nestjs/common';
import { CloseNeedHandler } from './application/close-need';
import { MatchNeedHandler } from './application/match-need';
import { NeedEvents } from './application/need-events';
import { PublishNeedHandler } from './application/publish-need';
import { ReadNeedsHandler } from './application/read-needs';
import { TrackActivityProposalHandler } from './application/track-activity-proposal';
import { ActivityProposalRepository } from './domain/activity-proposal.repository';
import { ApprovedProposals } from './domain/approved-proposals';
import { NeedDirectory } from './domain/need-directory';
import { NeedRepository } from './domain/need.repository';
import { PostgresActivityProposalRepository } from './infrastructure/postgres-activity-proposal.repository';
import { PostgresApprovedProposals } from './infrastructure/postgres-approved-proposals';
import { PostgresNeedDirectory } from './infrastructure/postgres-need-directory';
import { PostgresNeedRepository } from './infrastructure/postgres-need.repository';
import { ActivityProposalSubscriber } from './interface/events/activity-proposal.subscriber';
import { NeedsController } from './interface/http/needs.controller';

/**
 * A community's needs (open → matched → closed) and the activity-proposal read model that matches them.
 * Exports NeedDirectory (evaluations read a need's size) and ApprovedProposals (venues book only for
 * an approved proposal).
 */
@Module({
  controllers: [NeedsController],
  providers: [
    { provide: NeedRepository, useClass: PostgresNeedRepository },
    { provide: ActivityProposalRepository, useClass: PostgresActivityProposalRepository },
    { provide: NeedDirectory, useClass: PostgresNeedDirectory },
    { provide: ApprovedProposals, useClass: PostgresApprovedProposals },
    NeedEvents,
    PublishNeedHandler,
    CloseNeedHandler,
    MatchNeedHandler,
    TrackActivityProposalHandler,
    ReadNeedsHandler,
    ActivityProposalSubscriber,
  ],
  exports: [NeedDirectory, ApprovedProposals],
})
export class NeedsModule {}
