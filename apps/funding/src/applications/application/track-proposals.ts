import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventType, SansheEvent } from '@sanshe/contracts';
import { amendedProposal, type FundingContent, type FundingProposal } from '../domain/application';
import { ApplicationsRepository } from '../domain/applications.repository';
import { ReceiveApplication } from './receive-application';

type Organization<T extends string> = SansheEvent<Extract<EventType, `sanshe.organization.${T}.v1`>>;
type Decided = SansheEvent<'sanshe.governance.decision.decided.v1'>;

/** The decisions on activity proposals funding follows: `decision/activity-proposal/<proposalId>`. */
export const PROPOSAL_KIND = 'activity-proposal';

const blank = (proposalId: string): FundingProposal => ({
  proposalId,
  organizationId: null,
  communityCode: null,
  title: null,
  category: null,
  programId: null,
  requested: null,
  revisionNo: 0,
  withdrawn: false,
  decisionResult: null,
});

/** The content fields funding reads, only those the event carries (an amendment: only what changed). */
function fundingContent(data: Partial<Record<keyof FundingContent, unknown>>): FundingContent {
  const content: FundingContent = {};
  if ('title' in data) content.title = data.title as string;
  if ('category' in data) content.category = (data.category ?? null) as string | null;
  if ('programId' in data) content.programId = (data.programId ?? null) as string | null;
  if ('requestedFunding' in data)
    content.requestedFunding = (data.requestedFunding ?? null) as FundingContent['requestedFunding'];
  return content;
}

/**
 * Keeps each proposal as the organization published it and its decision's result, in the inbox's
 * transaction, under a lock on the proposal: the proposal's topic and governance's may deliver in any
 * order, and whichever completes an approved proposal asking for money makes its one application.
 */
@Injectable()
export class TrackProposals {
  constructor(
    private readonly applications: ApplicationsRepository,
    private readonly receive: ReceiveApplication,
  ) {}

  async submitted(event: Organization<'proposal.submitted'>, manager: EntityManager): Promise<void> {
    const { proposalId, organizationId, communityCode } = event.data;
    await this.applications.lockProposal(manager, proposalId);
    const known = (await this.applications.findProposal(manager, proposalId)) ?? blank(proposalId);
    if (known.organizationId !== null) return; // a redelivery
    const content = fundingContent(event.data);
    const proposal: FundingProposal = {
      ...known,
      organizationId,
      communityCode,
      title: content.title ?? null,
      category: content.category ?? null,
      programId: content.programId ?? null,
      requested: content.requestedFunding ?? null,
      revisionNo: Math.max(known.revisionNo, 1),
    };
    await this.applications.saveProposal(manager, proposal);
    await this.receive.receiveIfDue(manager, proposal);
  }

  async amended(event: Organization<'proposal.amended'>, manager: EntityManager): Promise<void> {
    const { proposalId } = event.data;
    await this.applications.lockProposal(manager, proposalId);
    const known = await this.applications.findProposal(manager, proposalId);
    if (!known || known.organizationId === null) return; // not a proposal funding saw submitted
    const revisionNo = event.data.revisionNo ?? known.revisionNo + 1;
    const amended = amendedProposal(known, revisionNo, fundingContent(event.data));
    if (amended) await this.applications.saveProposal(manager, amended);
  }

  async withdrawn(event: Organization<'proposal.withdrawn'>, manager: EntityManager): Promise<void> {
    const { proposalId } = event.data;
    await this.applications.lockProposal(manager, proposalId);
    const known = await this.applications.findProposal(manager, proposalId);
    if (known && !known.withdrawn) await this.applications.saveProposal(manager, { ...known, withdrawn: true });
  }

  async decided(event: Decided, manager: EntityManager): Promise<void> {
    const { kind, subjectId: proposalId, decisionId, result } = event.data;
    if (kind !== PROPOSAL_KIND) return;
    await this.applications.lockProposal(manager, proposalId);
    const known = (await this.applications.findProposal(manager, proposalId)) ?? blank(proposalId);
    if (known.decisionResult !== null) return; // a redelivery
    const proposal = { ...known, decisionResult: result };
    await this.applications.saveProposal(manager, proposal, decisionId);
    await this.receive.receiveIfDue(manager, proposal);
  }
}
