import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { OutboxWriter } from '@sanshe/messaging';
import type { DecisionActivities, DecisionEventToPublish } from '@sanshe/workflows';
import { toGovernanceEvent } from './decision-events';

/**
 * Governance's Temporal activities (those of the decision workflow), run by governance's worker.
 * Publishing writes governance's outbox; the event id is deterministic, so a retried activity adds
 * nothing the second time and the relay publishes each event to sanshe.governance.events once
 * (consumers' inboxes absorb any replay).
 */
@Injectable()
export class GovernanceActivities {
  constructor(
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  /** The plain object the Temporal worker registers (methods bound: the worker calls them unbound). */
  activities(): DecisionActivities {
    return { publishDecisionEvent: (event) => this.publishDecisionEvent(event) };
  }

  async publishDecisionEvent(event: DecisionEventToPublish): Promise<void> {
    const outgoing = toGovernanceEvent(event);
    await this.dataSource.transaction((manager) => this.outbox.publish(manager, outgoing));
  }
}
