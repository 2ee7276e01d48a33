import type { DecisionEventToPublish } from '@sanshe/workflows';
import type { PendingDecision } from '../domain/pending-decision.repository';

/**
 * What a published decision event says about who is awaited: the decision's pending parties and stage
 * after it, or `closed` once decided. Maps the workflow's public facts to the approvers' read model.
 */
export function pendingAfter(event: DecisionEventToPublish): PendingDecision | 'closed' {
  const { entry, decision } = event;
  if (entry.type === 'decided') return 'closed';
  const base = {
    decisionId: event.decisionId,
    kind: decision.kind,
    subjectId: decision.subjectId,
    communityCode: decision.communityCode,
    title: decision.title,
    round: event.round,
    pending: event.pending,
  };
  switch (entry.type) {
    case 'opened':
      return { ...base, stage: 'voting' };
    case 'amended':
      return { ...base, round: entry.round, stage: 'voting' };
    case 'deliberation-opened':
      return { ...base, stage: 'deliberation' };
    case 'escalated':
      return { ...base, stage: 'escalated' };
    case 'vote-cast':
    case 'abstained-by-silence':
    case 'deliberation-closed':
    case 'arbitrated':
    case 'withdrawn':
      throw new Error(`audit entry ${entry.type} is not published (decision ${event.decisionId})`);
  }
}
