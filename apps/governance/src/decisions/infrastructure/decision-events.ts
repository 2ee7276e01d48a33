import type { EventData, EventType } from '@sanshe/contracts';
import type { DecisionEventToPublish } from '@sanshe/workflows';

/** An event governance publishes about a decision, before the outbox adds its source. */
export interface OutgoingDecisionEvent<T extends EventType = EventType> {
  type: T;
  id: string;
  subject: string;
  data: EventData<T>;
}

/** Maps a public audit entry of the decision workflow to the governance event that announces it. */
export function toGovernanceEvent(event: DecisionEventToPublish): OutgoingDecisionEvent {
  const { entry, decision, decisionId } = event;
  const base = { id: event.eventId, subject: decisionId };
  switch (entry.type) {
    case 'opened':
      return {
        ...base,
        type: 'sanshe.governance.decision.opened.v1',
        data: {
          decisionId,
          kind: decision.kind,
          subjectId: decision.subjectId,
          communityCode: decision.communityCode,
          title: decision.title,
          proposerId: decision.proposerId,
          policyId: decision.policyId,
          policyVersion: decision.policyVersion,
          round: 1,
          pending: event.pending,
        },
      };
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
      return {
        ...base,
        type: 'sanshe.governance.decision.decided.v1',
        data: {
          decisionId,
          kind: decision.kind,
          subjectId: decision.subjectId,
          communityCode: decision.communityCode,
          result: entry.outcome.result,
          decidedBy: entry.outcome.decidedBy,
          level: entry.outcome.level,
          reason: entry.outcome.reason,
          tally: entry.tally,
          auditHash: event.auditHash,
          auditLength: event.auditSeq,
        },
      };
    case 'vote-cast':
    case 'abstained-by-silence':
    case 'deliberation-closed':
    case 'arbitrated':
      throw new Error(`audit entry ${entry.type} is not published (decision ${decisionId})`);
  }
}

const iso = (ms: number) => new Date(ms).toISOString();
