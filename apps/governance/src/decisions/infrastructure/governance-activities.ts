import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { OutboxWriter } from '@sanshe/messaging';
import type { DecisionActivities, DecisionEventToPublish } from '@sanshe/workflows';
import { DecisionAuditRepository } from '../domain/decision-audit.repository';
import { PendingDecisionRepository } from '../domain/pending-decision.repository';
import { ClosedDecisionTrailReader } from './closed-decision-trail';
import { toGovernanceEvent } from './decision-events';
import { pendingAfter } from './pending-decisions';

/**
 * Governance's Temporal activities (those of the decision workflow), run by governance's worker.
 * Publishing writes governance's outbox and the approvers' read model (GET /parties/{partyId}/pending).
 * The event id is deterministic and the read model keeps the latest audit seq, so a retried activity
 * adds nothing the second time; the relay publishes each event to sanshe.governance.events once
 * (consumers' inboxes absorb any replay). The outcome also stores the decision's audit trail, read from
 * the workflow before the transaction opens (no Temporal call holds it), verified and append-only.
 */
@Injectable()
export class GovernanceActivities {
  constructor(
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly pendingDecisions: PendingDecisionRepository,
    private readonly audits: DecisionAuditRepository,
    private readonly trails: ClosedDecisionTrailReader,
  ) {}

  /** The plain object the Temporal worker registers (methods bound: the worker calls them unbound). */
  activities(): DecisionActivities {
    return { publishDecisionEvent: (event) => this.publishDecisionEvent(event) };
  }

  /** The event and the approvers' read model it updates, in one transaction: they never disagree. */
  async publishDecisionEvent(event: DecisionEventToPublish): Promise<void> {
    const outgoing = toGovernanceEvent(event);
    const pending = pendingAfter(event);
    const closing = event.entry.type === 'decided' ? await this.trails.read(event, event.entry) : undefined;
    // The decision's own rows first, the event last: publishing takes the decision's outbox key lock,
    // and the bridge's inbox transactions take that lock after writing their rows too (no lock cycle).
    await this.dataSource.transaction(async (manager) => {
      if (closing) await this.audits.store(manager, closing.closed, closing.trail);
      if (pending === 'closed') await this.pendingDecisions.close(manager, event.decisionId);
      else await this.pendingDecisions.record(manager, pending, event.auditSeq);
      await this.outbox.publish(manager, outgoing);
    });
  }
}
