import type { EventData, EventType } from '@sanshe/contracts';
import type { AuditEntry, DecisionEventToPublish } from '@sanshe/workflows';

/** An event governance publishes about a decision, before the outbox adds its source. */
export interface OutgoingDecisionEvent<T extends EventType = EventType> {
  type: T;
  id: string;
  subject: string;
  data: EventData<T>;
}

/** Maps a public audit entry of the decision workflow to the governance event that announces it. */
export function toGovernanceEvent(event: DecisionEventToPublish): OutgoingDecisionEvent {
  const { entry, decisionId } = event;
  const base = { id: event.eventId, subject: decisionId };
  switch (entry.type) {
    case 'opened':
      return { ...base, type: 'sanshe.governance.decision.opened.v1', data: openedData(event) };
    case 'deliberation-opened':
      return {
        ...base,
        type: 'sanshe.governance.decision.deliberation-opened.v1',
        data: {
          decisionId,
          round: event.round,
          objector: entry.objector,
          reason: entry.reason,
          until: iso(entry.until),
        },
      };
    case 'amended':
      return {
        ...base,
        type: 'sanshe.governance.decision.round-opened.v1',
        data: { decisionId, round: entry.round, revision: entry.revision, pending: event.pending },
      };
    case 'escalated':
      return {
        ...base,
        type: 'sanshe.governance.decision.escalated.v1',
        data: {
          decisionId,
          level: entry.level,
          arbiterId: entry.arbiterId,
          deadline: iso(entry.deadline),
          tally: entry.tally,
        },
      };
    case 'decided':
      return { ...base, type: 'sanshe.governance.decision.decided.v1', data: decidedData(event, entry) };
    case 'vote-cast':
    case 'abstained-by-silence':
    case 'deliberation-closed':
    case 'arbitrated':
    case 'withdrawn':
      throw new Error(`audit entry ${entry.type} is not published (decision ${decisionId})`);
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

function openedData({
  decisionId,
  decision,
  pending,
}: DecisionEventToPublish): EventData<'sanshe.governance.decision.opened.v1'> {
  const { kind, subjectId, communityCode, title, proposerId, policyId, policyVersion } = decision;
  return { decisionId, kind, subjectId, communityCode, title, proposerId, policyId, policyVersion, round: 1, pending };
}

/** The outcome, with the hash and length of the audit trail that led to it. */
function decidedData(
  { decisionId, decision, auditHash, auditSeq }: DecisionEventToPublish,
  { outcome, tally }: Extract<AuditEntry, { type: 'decided' }>,
): EventData<'sanshe.governance.decision.decided.v1'> {
  const { kind, subjectId, communityCode } = decision;
  const { result, decidedBy, level, reason } = outcome;
  return {
    decisionId,
    kind,
    subjectId,
    communityCode,
    result,
    decidedBy,
    level,
    reason,
    tally,
    auditHash,
    auditLength: auditSeq,
  };
}
