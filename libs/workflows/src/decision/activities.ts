import type { DecisionEventToPublish } from './decision-records';

/**
 * What the decision workflow asks of the world, implemented by governance's NestJS worker
 * (apps/governance). Types only: the workflow reaches them through proxyActivities.
 */
export interface DecisionActivities {
  /** Writes the event to governance's outbox (its relay publishes to sanshe.governance.events). */
  publishDecisionEvent(event: DecisionEventToPublish): Promise<void>;
}
