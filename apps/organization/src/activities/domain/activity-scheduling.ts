import type { EntityManager } from 'typeorm';
import type { StaffingPlan } from '@sanshe/contracts';

/** Why an activity is cancelled from outside the activities feature (the proposal's lifecycle). */
export type ProposalCancelReason = 'called-in-rejected' | 'withdrawn';

/** What an approved or filed proposal becomes: the activity's first state and its planned sessions. */
export interface ScheduleActivityCommand {
  proposalId: string;
  organizationId: string;
  communityCode: string;
  basis: 'approved' | 'filed';
  decisionId: string | null;
  needId: string | null;
  venueId: string | null;
  staffingPlan: StaffingPlan | null;
  sessions: { startsAt: string; endsAt: string }[];
}

/**
 * The port the proposals feature drives: each call joins the caller's transaction (`manager`), so the
 * proposal's change and the activity's event commit together or not at all.
 */
export abstract class ActivityScheduling {
  /** Idempotent by proposalId (UNIQUE): a second call returns the existing activity id. */
  abstract schedule(manager: EntityManager, command: ScheduleActivityCommand): Promise<string>;
  /** A called-in filing pauses its activity; no-op when there is none or it is terminal. */
  abstract pause(manager: EntityManager, proposalId: string, decisionId: string): Promise<void>;
  /** The call-in's decision approved it: back to where it was paused; no-op unless paused. */
  abstract resume(manager: EntityManager, proposalId: string): Promise<void>;
  /** No-op when there is none or it is terminal. */
  abstract cancel(manager: EntityManager, proposalId: string, reason: ProposalCancelReason): Promise<void>;
}
