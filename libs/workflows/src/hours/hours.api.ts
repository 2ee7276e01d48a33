import { defineQuery, defineUpdate } from '@temporalio/workflow';

/**
 * The hours confirmation workflow's public surface (docs/decisions.md, "Hours confirmed by two parties"),
 * shared by the workflow and its callers (governance's bridge, tests). Plain definitions, safe on both
 * sides of the sandbox.
 */

/** Talent's task queue: where its worker runs the recording activities (HoursActivities). */
export const TALENT_ACTIVITIES_TASK_QUEUE = 'talent-activities';

/** The decision kind of a disputed record's child decision, and of its seeded default policy. */
export const HOURS_DISPUTE_KIND = 'hours-dispute';

/** `hours/<hoursId>`: one workflow per record, so a redelivered talent.hours.recorded finds it. */
export const hoursWorkflowId = (hoursId: string) => `hours/${hoursId}`;

export interface HoursConfirmationInput {
  hoursId: string;
  workerId: string;
  organizationId: string;
  activityId: string;
  communityCode: string;
  minutes: number;
  /** ISO date-time: the community's silence until then confirms the hours (silence is not a veto). */
  confirmBy: string;
  /** The talent.hours.recorded event that started it. */
  openedBy: { eventId: string; type: string };
  /** Where talent's worker takes the recording activities (default TALENT_ACTIVITIES_TASK_QUEUE; tests own theirs). */
  talentTaskQueue?: string;
}

/** The community confirms the hours: `partyId` must be `community:<communityCode>`. */
export interface ConfirmHoursRequest {
  partyId: string;
  castBy: string;
}

/** The community disputes them: a child decision settles the dispute. */
export interface DisputeHoursRequest {
  partyId: string;
  castBy: string;
  reason: { code: string; text: string };
  /** The community.hours.disputed event, recorded as the child decision's opening event. */
  eventId?: string;
}

/** `duplicate`: the same update again (accepted, no second effect). */
export interface HoursUpdateReceipt {
  duplicate: boolean;
}

export type HoursStage = 'awaiting' | 'disputed' | 'settling' | 'closed';
export type HoursConfirmedBy = 'community' | 'silence' | 'decision';

/** The decision's id when a dispute's child decision settled it. */
export type HoursOutcome =
  | { result: 'confirmed'; confirmedBy: HoursConfirmedBy; decisionId?: string }
  | { result: 'rejected'; decisionId: string };

export interface HoursView {
  hoursId: string;
  communityCode: string;
  stage: HoursStage;
  confirmBy: string;
  disputedBy?: string;
  decisionId?: string;
  outcome: HoursOutcome | null;
}

export const confirmHoursUpdate = defineUpdate<HoursUpdateReceipt, [ConfirmHoursRequest]>('confirm');
export const disputeHoursUpdate = defineUpdate<HoursUpdateReceipt, [DisputeHoursRequest]>('dispute');
export const hoursStateQuery = defineQuery<HoursView>('hours-state');
