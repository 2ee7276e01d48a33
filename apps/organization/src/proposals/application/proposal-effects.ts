import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxWriter } from '@sanshe/messaging';
import { ActivityScheduling } from '../../activities/domain/activity-scheduling';
import {
  contentOf,
  PROPOSAL_AMENDED,
  PROPOSAL_FILED,
  PROPOSAL_SUBMITTED,
  PROPOSAL_WITHDRAWN,
  type Proposal,
  type ProposalContent,
  type ProposalFact,
} from '../domain/proposal';

/** The proposal's place on the wire: every event of it names these. */
const idsOf = ({ proposalId, organizationId, communityCode }: Proposal) => ({
  proposalId,
  organizationId,
  communityCode,
});

/** The content as an event carries it: title and summary are there once complete (checkComplete). */
const wire = (content: ProposalContent) => ({ ...content, title: content.title!, summary: content.summary! });

/**
 * Carries out a proposal's facts in the caller's transaction: each event into the outbox (ids
 * deterministic, so a retried use case never publishes twice) and each activity step through the
 * activities feature's port (idempotent by proposal), so the proposal, its events and its activity
 * commit together or not at all.
 */
@Injectable()
export class ProposalEffects {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly activities: ActivityScheduling,
  ) {}

  async apply(manager: EntityManager, facts: ProposalFact[]): Promise<void> {
    for (const fact of facts) await this.applyOne(manager, fact);
  }

  private async applyOne(manager: EntityManager, fact: ProposalFact): Promise<void> {
    const { proposalId } = fact.proposal;
    switch (fact.type) {
      case 'proposal.submitted':
      case 'proposal.filed':
      case 'proposal.amended':
      case 'proposal.withdrawn':
        return this.publish(manager, fact);
      case 'activity.schedule':
        return this.schedule(manager, fact);
      case 'activity.pause':
        return this.activities.pause(manager, proposalId, fact.decisionId);
      case 'activity.resume':
        return this.activities.resume(manager, proposalId);
      case 'activity.cancel':
        return this.activities.cancel(manager, proposalId, fact.reason);
    }
  }

  private async publish(manager: EntityManager, fact: Extract<ProposalFact, { type: `proposal.${string}` }>) {
    const { proposal } = fact;
    const subject = proposal.proposalId;
    switch (fact.type) {
      case 'proposal.submitted': {
        const data = { ...wire(fact.revision.content), ...idsOf(proposal), revisionNo: 1 as const };
        const id = `${PROPOSAL_SUBMITTED}:${subject}`;
        await this.outbox.publish(manager, { type: PROPOSAL_SUBMITTED, id, subject, data });
        return;
      }
      case 'proposal.filed': {
        const data = {
          ...{ ...wire(fact.revision.content), ...idsOf(proposal), revisionNo: 1 as const },
          ...{ filingRuleVersion: proposal.filingRuleVersion!, filedAt: fact.filedAt },
        };
        await this.outbox.publish(manager, { type: PROPOSAL_FILED, id: `${PROPOSAL_FILED}:${subject}`, subject, data });
        return;
      }
      case 'proposal.amended': {
        const { revisionText, revisionNo, eventId } = fact.revision;
        const data = { ...fact.changes, ...idsOf(proposal), revision: revisionText!, revisionNo };
        await this.outbox.publish(manager, { type: PROPOSAL_AMENDED, id: eventId!, subject, data });
        return;
      }
      case 'proposal.withdrawn': {
        const { eventId, reason } = proposal.withdrawal!;
        const data = { ...idsOf(proposal), withdrawnFrom: fact.withdrawnFrom, reason };
        await this.outbox.publish(manager, { type: PROPOSAL_WITHDRAWN, id: eventId, subject, data });
        return;
      }
    }
  }

  /** The activity an approved or filed proposal becomes, from the content in force (idempotent by proposal). */
  private async schedule(manager: EntityManager, fact: Extract<ProposalFact, { type: 'activity.schedule' }>) {
    const content = contentOf(fact.proposal);
    await this.activities.schedule(manager, {
      ...idsOf(fact.proposal),
      basis: fact.basis,
      decisionId: fact.basis === 'approved' ? (fact.proposal.decision?.decisionId ?? null) : null,
      needId: content.needId ?? null,
      venueId: content.venueId ?? null,
      staffingPlan: content.staffingPlan ?? null,
      sessions: fact.sessions,
    });
  }
}
