import type { AuditEntry } from './decision.api';

/**
 * What the decision workflow asks of the world, implemented by governance's NestJS worker
 * (apps/governance). Types only: the workflow reaches them through proxyActivities.
 */
export interface DecisionEventToPublish {
  /** Deterministic: `<decisionId>/<audit seq>` or `<decisionId>/outcome`, so a retried activity is deduplicated. */
  eventId: string;
  decisionId: string;
  entry: AuditEntry;
  /** Hash of the audit record that holds the entry (the outcome event carries the final one). */
  auditHash: string;
  auditSeq: number;
  /** The voting round when the entry was recorded. */
  round: number;
  /** Who must vote (or arbitrate) next, and by when (ISO-8601). */
  pending: { partyId: string; deadline: string }[];
  /** Context the event needs that the entry itself does not carry. */
  decision: {
    kind: string;
    subjectId: string;
    communityCode: string;
    proposerId: string;
    title: string;
    policyId: string;
    policyVersion: number;
  };
}

export interface DecisionActivities {
  /** Writes the event to governance's outbox (its relay publishes to sanshe.governance.events). */
  publishDecisionEvent(event: DecisionEventToPublish): Promise<void>;
}
