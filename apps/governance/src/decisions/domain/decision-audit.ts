import { type AuditEntry, type AuditRecord, type FinalOutcome, findBrokenLink } from '@sanshe/workflows';

/** A decision that has closed, and the head of the audit trail that led to its outcome. */
export interface ClosedDecision {
  decisionId: string;
  kind: string;
  subjectId: string;
  communityCode: string;
  title: string;
  outcome: FinalOutcome;
  /** Hash of the last audit record (the `decided` one): what `decision.decided` published as `auditHash`. */
  headHash: string;
  /** Number of audit records: `auditLength` of `decision.decided`. */
  length: number;
}

export type DecisionAuditRecord = AuditRecord<AuditEntry>;

/** Why a stored or offered trail cannot be trusted; null when it holds. */
export function auditProblem(closed: ClosedDecision, trail: readonly DecisionAuditRecord[]): string | null {
  const broken = findBrokenLink(trail);
  if (broken !== null) return `the hash chain breaks at record ${broken} of ${trail.length}`;
  const head = trail.at(-1);
  if (!head) return 'the trail is empty';
  if (trail.length !== closed.length)
    return `the trail has ${trail.length} records, the decision closed at ${closed.length}`;
  if (head.hash !== closed.headHash) return `the trail ends in ${head.hash}, the decision closed on ${closed.headHash}`;
  if (head.entry.type !== 'decided') return `the last record is ${head.entry.type}, not the outcome`;
  return null;
}
