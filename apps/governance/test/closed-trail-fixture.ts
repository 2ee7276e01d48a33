import { type AuditEntry, nextAuditRecord } from '@sanshe/workflows';
import type { ClosedDecision, DecisionAuditRecord } from '../src/decisions/domain/decision-audit';

const OPENED_AT = Date.parse('2026-11-27T09:00:00.000Z');

/** A closed decision and a valid trail for it: opened, two votes, the outcome (made by the workflow's own hashing). */
export function closedTrail(
  decisionId: string,
  openedAt = OPENED_AT,
): { closed: ClosedDecision; trail: DecisionAuditRecord[] } {
  const outcome = {
    result: 'approved',
    decidedBy: 'votes',
    level: 0,
    at: openedAt + 180_000,
    reason: 'quorum',
  } as const;
  const entries: AuditEntry[] = [
    {
      type: 'opened',
      policyId: 'activity-proposal.t',
      policyVersion: 1,
      proposerId: 'organization:o',
      openedBy: 'sanshe/organization',
    },
    { type: 'vote-cast', partyId: 'community:t', choice: 'approve', round: 1, changed: false } as AuditEntry,
    { type: 'vote-cast', partyId: 'talent:t', choice: 'approve', round: 1, changed: false } as AuditEntry,
    {
      type: 'decided',
      outcome,
      tally: { approve: 4, object: 0, abstain: 0, pending: 0, total: 4, quorum: 3 },
    } as AuditEntry,
  ];
  const trail: DecisionAuditRecord[] = [];
  entries.forEach((entry, i) => trail.push(nextAuditRecord(trail[i - 1], openedAt + i * 60_000, entry)));
  const head = trail.at(-1)!;
  return {
    closed: {
      decisionId,
      kind: 'activity-proposal',
      subjectId: decisionId.split('/').at(-1)!,
      communityCode: 't',
      title: 'A test decision',
      outcome,
      headHash: head.hash,
      length: trail.length,
    },
    trail,
  };
}
