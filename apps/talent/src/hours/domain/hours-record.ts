import type { StaffRole } from '@sanshe/contracts';
import { HoursConflict } from './hours-errors';

export type HoursStatus = 'recorded' | 'confirmed' | 'rejected';
export type HoursConfirmedBy = 'community' | 'silence' | 'decision';

/** Hours served on an activity, as the employing organization recorded them, and their settlement. */
export interface HoursRecord {
  hoursId: string;
  workerId: string;
  /** The kind the worker served as: a volunteer's confirmed hours go to the time bank. */
  workerKind: StaffRole;
  organizationId: string;
  activityId: string;
  /** Whether organization.activity.scheduled had told talent of the activity when the hours were recorded. */
  activityKnown: boolean;
  sessionId: string | null;
  communityCode: string;
  servedOn: string;
  minutes: number;
  /** ISO date-time: the community's silence until then confirms the hours. */
  confirmBy: string;
  status: HoursStatus;
  confirmedBy: HoursConfirmedBy | null;
  decisionId: string | null;
  recordedBy: string;
  recordedAt: string;
  settledAt: string | null;
}

/** The hours workflow's outcome for a record: confirmed (by whom), or rejected by a dispute's decision. */
export type HoursSettlement =
  | { status: 'confirmed'; confirmedBy: HoursConfirmedBy; decisionId?: string }
  | { status: 'rejected'; decisionId: string };

/** An activity as organization.activity.scheduled told talent of it. */
export interface ScheduledActivity {
  activityId: string;
  organizationId: string;
  communityCode: string;
}

/**
 * Why hours of `organizationId`'s worker in `communityCode` cannot be on the scheduled activity: it is
 * another organization's, or it is held in another community (whose committee would then be asked to
 * confirm hours it never hosted). Null when they can, or when the activity is not known yet.
 */
export function activityRefusal(
  activity: ScheduledActivity | null,
  organizationId: string,
  communityCode: string,
): HoursConflict | null {
  if (!activity) return null;
  if (activity.organizationId !== organizationId) {
    const message = `activity ${activity.activityId} is ${activity.organizationId}'s, not ${organizationId}'s`;
    return new HoursConflict('activity-of-another-organization', message);
  }
  if (activity.communityCode !== communityCode) {
    const message = `activity ${activity.activityId} is held in ${activity.communityCode}, not ${communityCode}`;
    return new HoursConflict('activity-in-another-community', message);
  }
  return null;
}

/** When the community's silence confirms hours recorded at `recordedAt`: TALENT_HOURS_CONFIRM_HOURS later. */
export function confirmByFrom(recordedAt: Date, confirmHours: number): Date {
  return new Date(recordedAt.getTime() + Math.round(confirmHours * 3_600_000));
}

/**
 * Whether `settlement` changes the record ('apply': it is still only recorded) or was applied before
 * ('already': a retried activity). The opposite outcome for a settled record cannot come from the one
 * workflow that settles it: it is refused, never applied over the first.
 */
export function settlementStep(record: HoursRecord, settlement: HoursSettlement): 'apply' | 'already' {
  if (record.status === 'recorded') return 'apply';
  if (record.status === settlement.status) return 'already';
  throw new HoursConflict(
    'hours-settled-otherwise',
    `hours ${record.hoursId} are already ${record.status}; they cannot also be ${settlement.status}`,
    record.hoursId,
  );
}

/** A volunteer's time bank: the confirmed hours they served as a volunteer, newest first. */
export interface TimeBank {
  workerId: string;
  confirmedMinutes: number;
  /** confirmedMinutes / 60, to 2 decimals. */
  confirmedHours: number;
  entries: HoursRecord[];
}

export function timeBankOf(workerId: string, records: readonly HoursRecord[]): TimeBank {
  const entries = records.filter((record) => record.workerKind === 'volunteer' && record.status === 'confirmed');
  const confirmedMinutes = entries.reduce((sum, record) => sum + record.minutes, 0);
  return { workerId, confirmedMinutes, confirmedHours: Math.round((confirmedMinutes / 60) * 100) / 100, entries };
}
