import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { OutboxWriter } from '@sanshe/messaging';
import type { DecisionActivities, DecisionEventToPublish } from '@sanshe/workflows';
import { PendingDecisionRepository } from '../domain/pending-decision.repository';
import { toGovernanceEvent } from './decision-events';
import { pendingAfter } from './pending-decisions';

/**
 * Governance's Temporal activities (those of the decision workflow), run by governance's worker.
 * Publishing writes governance's outbox and the approvers' read model (GET /parties/{partyId}/pending).
 * The event id is deterministic and the read model keeps the latest audit seq, so a retried activity
 * adds nothing the second time; the relay publishes each event to sanshe.governance.events once
 * (consumers' inboxes absorb any replay).
 */
@Injectable()
export class GovernanceActivities {
  constructor(
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly pendingDecisions: PendingDecisionRepository,
  ) {}

  /** The plain object the Temporal worker registers (methods bound: the worker calls them unbound). */
  activities(): DecisionActivities {
    return { publishDecisionEvent: (event) => this.publishDecisionEvent(event) };
  }

  /** The event and the approvers' read model it updates, in one transaction: they never disagree. */
  async publishDecisionEvent(event: DecisionEventToPublish): Promise<void> {
    const outgoing = toGovernanceEvent(event);
    const pending = pendingAfter(event);
    await this.dataSource.transaction(async (manager) => {
      await this.outbox.publish(manager, outgoing);
      if (pending === 'closed') await this.pendingDecisions.close(manager, event.decisionId);
      else await this.pendingDecisions.record(manager, pending, event.auditSeq);
    });
  }
}
