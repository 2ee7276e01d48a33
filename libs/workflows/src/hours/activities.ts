import type { DecisionInput } from '../decision/decision.api';
import type { HoursConfirmedBy } from './hours.api';

/**
 * What the hours workflow asks of talent, implemented by talent's Temporal worker on the task queue
 * TALENT_ACTIVITIES_TASK_QUEUE. Both are idempotent by hoursId: a retry after a crash answers 'already'.
 */
export interface RecordConfirmedHoursInput {
  hoursId: string;
  confirmedBy: HoursConfirmedBy;
  /** The child decision that approved disputed hours (confirmedBy 'decision'). */
  decisionId?: string;
}

export interface RejectHoursInput {
  hoursId: string;
  decisionId: string;
}

export interface HoursActivities {
  recordConfirmedHours(input: RecordConfirmedHoursInput): Promise<'recorded' | 'already'>;
  rejectHours(input: RejectHoursInput): Promise<'rejected' | 'already'>;
}

/**
 * What a parent workflow asks governance to decide in a child decision (the decision input, less the policy).
 * `programId` (a grant's disbursement) puts the program's policy first: program, community, street, district.
 * It only chooses the policy; the child's input stays without it.
 */
export type ChildDecisionOpening = Pick<
  DecisionInput,
  'kind' | 'subjectId' | 'communityCode' | 'proposerId' | 'title' | 'summary' | 'openedBy'
> & { programId?: string };

/**
 * Governance's activities for a child decision, run by governance's worker (the parent's task queue).
 * `prepareChildDecision` resolves and binds the policy as an opening event would (its decisionId is
 * `decision/<kind>/<subjectId>`); `applyParkedDecisionUpdates` applies the votes that arrived before the
 * child started, and answers how many.
 */
export interface ChildDecisionActivities {
  prepareChildDecision(opening: ChildDecisionOpening): Promise<DecisionInput>;
  applyParkedDecisionUpdates(decisionId: string): Promise<number>;
}
