import type { Fact } from './domain/decision-state';

/**
 * What a decision records and hands on: the entries of its audit trail and the events it asks the
 * publish activity to write. Both the workflow's public surface (decision.api.ts) and its activities
 * (activities.ts) use them, so they live here, apart from either.
 */

/** What the audit trail records: the opening, each accepted vote/amendment/escalation, and the outcome. */
export type AuditEntry =
  { type: 'opened'; policyId: string; policyVersion: number; proposerId: string; openedBy: string } | Fact;

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
