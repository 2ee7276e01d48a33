import { Module } from '@nestjs/common';
import { ActivitiesModule } from '../activities/activities.module';
import { RegistryModule } from '../registry/registry.module';
import { AmendProposalHandler } from './application/amend-proposal';
import { CreateDraftHandler } from './application/create-draft';
import { DiscardDraftHandler } from './application/discard-draft';
import { EditDraftHandler } from './application/edit-draft';
import { EndProposalsOnDeregistration } from './application/end-proposals-on-deregistration';
import { FileProposalHandler } from './application/file-proposal';
import { ProposalEffects } from './application/proposal-effects';
import { ProposalSteps } from './application/proposal-steps';
import { ReadProposalsHandler } from './application/read-proposals';
import { SubmitProposalHandler } from './application/submit-proposal';
import { TrackGovernanceHandler } from './application/track-governance';
import { WithdrawProposalHandler } from './application/withdraw-proposal';
import { CommunityFactsRepository } from './domain/community-facts.repository';
import { ProposalRepository } from './domain/proposal.repository';
import { PostgresCommunityFactsRepository } from './infrastructure/postgres-community-facts.repository';
import { PostgresProposalRepository } from './infrastructure/postgres-proposal.repository';
import { CommunityFactsSubscriber } from './interface/events/community-facts.subscriber';
import { ProposalGovernanceSubscriber } from './interface/events/proposal-governance.subscriber';
import { ProposalRequestsController } from './interface/http/proposal-requests.controller';
import { ProposalsController } from './interface/http/proposals.controller';

/**
 * Proposals through their whole life: drafts, submit or file, amend, withdraw; the status from
 * governance's events only. Schedules, pauses, resumes and cancels activities through ActivityScheduling.
 * A deregistration discards the drafts and withdraws the rest (EndProposalsOnDeregistration).
 */
@Module({
  imports: [RegistryModule, ActivitiesModule],
  controllers: [ProposalsController, ProposalRequestsController],
  providers: [
    { provide: ProposalRepository, useClass: PostgresProposalRepository },
    { provide: CommunityFactsRepository, useClass: PostgresCommunityFactsRepository },
    ProposalEffects,
    ProposalSteps,
    CreateDraftHandler,
    EditDraftHandler,
    DiscardDraftHandler,
    SubmitProposalHandler,
    FileProposalHandler,
    AmendProposalHandler,
    WithdrawProposalHandler,
    ReadProposalsHandler,
    TrackGovernanceHandler,
    ProposalGovernanceSubscriber,
    CommunityFactsSubscriber,
    EndProposalsOnDeregistration,
  ],
})
export class ProposalsModule {}
