import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { fromOwner } from '../../../events/from-owner';
import { OrganizationEventRegistry } from '../../../events/organization-event-registry';
import { TrackGovernanceHandler } from '../../application/track-governance';
import { decisionSeqOf, type GovernanceFact } from '../../domain/proposal-governance';

/** This service's own event source: only refusals of what it sent can be a proposal's. */
const ORGANIZATION_SOURCE = 'sanshe/organization';
const REFUSABLE = new Set(['sanshe.organization.proposal.amended.v1', 'sanshe.organization.proposal.withdrawn.v1']);
const PROPOSAL_DECISION = /^decision\/activity-proposal\/(.+)$/;

/** The proposal a decision is about, from its id; null for another kind of decision. */
export const proposalOf = (decisionId: string): string | null => PROPOSAL_DECISION.exec(decisionId)?.[1] ?? null;

/**
 * Maps governance's decision and filing events to TrackGovernance, in the inbox's transaction. Only
 * activity-proposal decisions about a proposal of this service count (others are ignored); every fact
 * counts only from governance's channel (else dead-lettered).
 */
@Injectable()
export class ProposalGovernanceSubscriber implements OnModuleInit {
  constructor(
    private readonly registry: OrganizationEventRegistry,
    private readonly track: TrackGovernanceHandler,
  ) {}

  private async apply(manager: EntityManager, decisionId: string, fact: GovernanceFact): Promise<void> {
    const proposalId = proposalOf(decisionId);
    if (proposalId) await this.track.execute(manager, proposalId, fact);
  }

  onModuleInit(): void {
    this.registry.register('proposals', {
      'sanshe.governance.decision.opened.v1': async (event, manager, delivery) => {
        fromOwner(event, delivery, 'governance');
        const { decisionId, round } = event.data;
        await this.apply(manager, decisionId, { type: 'opened', decisionId, seq: decisionSeqOf(event.id), round });
      },
      'sanshe.governance.decision.round-opened.v1': async (event, manager, delivery) => {
        fromOwner(event, delivery, 'governance');
        const { decisionId, round, revision } = event.data;
        const seq = decisionSeqOf(event.id);
        await this.apply(manager, decisionId, { type: 'round-opened', decisionId, seq, round, revisionText: revision });
      },
      'sanshe.governance.decision.deliberation-opened.v1': async (event, manager, delivery) => {
        fromOwner(event, delivery, 'governance');
        const { decisionId, round } = event.data;
        const seq = decisionSeqOf(event.id);
        await this.apply(manager, decisionId, { type: 'deliberation-opened', decisionId, seq, round });
      },
      'sanshe.governance.decision.escalated.v1': async (event, manager, delivery) => {
        fromOwner(event, delivery, 'governance');
        const { decisionId } = event.data;
        await this.apply(manager, decisionId, { type: 'escalated', decisionId, seq: decisionSeqOf(event.id) });
      },
      'sanshe.governance.decision.decided.v1': async (event, manager, delivery) => {
        fromOwner(event, delivery, 'governance');
        const { decisionId, result } = event.data;
        await this.apply(manager, decisionId, { type: 'decided', decisionId, result });
      },
      'sanshe.governance.decision.vote-rejected.v1': async (event, manager, delivery) => {
        fromOwner(event, delivery, 'governance');
        const { decisionId, rejectedEventSource, rejectedEventId, rejectedEventType, code, reason } = event.data;
        if (rejectedEventSource !== ORGANIZATION_SOURCE || !REFUSABLE.has(rejectedEventType)) return;
        await this.apply(manager, decisionId, { type: 'refused', rejectedEventId, code, reason });
      },
      'sanshe.governance.filing.noticed.v1': async (event, manager, delivery) => {
        fromOwner(event, delivery, 'governance');
        const { decisionId, callInUntil } = event.data;
        await this.apply(manager, decisionId, { type: 'filing-noticed', decisionId, callInUntil });
      },
      'sanshe.governance.filing.called-in.v1': async (event, manager, delivery) => {
        fromOwner(event, delivery, 'governance');
        const { decisionId, cause, calledInBy } = event.data;
        const fact = { type: 'called-in' as const, decisionId, cause, calledInBy: calledInBy.map((c) => c.partyId) };
        await this.apply(manager, decisionId, fact);
      },
    });
  }
}
