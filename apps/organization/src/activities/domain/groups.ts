import type { FieldProblem } from '@sanshe/contracts';
import { ActivityInputInvalid, MemberNotFound } from './activity-errors';

/** The study's group building: every activity has a participant, a staff and a volunteer group. */
export const GROUP_KINDS = ['participants', 'staff', 'volunteers'] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];
export type MemberKind = 'resident' | 'worker';
export type MeetingKind = 'meeting' | 'training';

export interface GroupMember {
  memberId: string;
  memberKind: MemberKind;
  role: string | null;
  joinedAt: string;
  /** A member leaves rather than being deleted: the group's history stays countable. */
  leftAt: string | null;
}

export interface GroupMeeting {
  meetingId: string;
  kind: MeetingKind;
  heldOn: string;
  topic: string;
  durationMinutes: number;
  attendeeCount: number;
}

export interface Group {
  groupId: string;
  kind: GroupKind;
  members: GroupMember[];
  meetings: GroupMeeting[];
}

export interface GroupCount {
  members: number;
  meetings: number;
  trainings: number;
  trainingMinutes: number;
}

const RESIDENT_ID = /^rp-/;
export const groupIdOf = (activityId: string, kind: GroupKind) => `grp-${activityId}-${kind}`;

/** The three empty groups made when the activity is scheduled. */
export const newGroups = (activityId: string): Group[] =>
  GROUP_KINDS.map((kind) => ({ groupId: groupIdOf(activityId, kind), kind, members: [], meetings: [] }));

/**
 * Who may be in which group: participants are residents (pseudonym `rp-…`), staff are workers (a talent
 * worker id, never `rp-`), volunteers either; and the id must be of the kind it claims.
 */
export function memberProblems(group: GroupKind, memberId: string, memberKind: MemberKind): FieldProblem[] {
  if (group === 'participants' && memberKind !== 'resident') {
    return [{ path: '/memberKind', message: 'a participant is a resident (memberKind resident)' }];
  }
  if (group === 'staff' && memberKind !== 'worker') {
    return [{ path: '/memberKind', message: 'staff are workers (memberKind worker)' }];
  }
  if (memberKind === 'resident' && !RESIDENT_ID.test(memberId)) {
    return [{ path: '/memberId', message: "a resident's id is a pseudonym rp-…" }];
  }
  if (memberKind === 'worker' && RESIDENT_ID.test(memberId)) {
    return [{ path: '/memberId', message: "a worker's id is a talent worker id, never a resident pseudonym (rp-…)" }];
  }
  return [];
}

const current = (group: Group) => group.members.filter((m) => m.leftAt === null);

/** Adds a member, or changes a current one's role; someone who left joins again from now. */
export function applyJoin(
  group: Group,
  member: { memberId: string; memberKind: MemberKind; role: string | null },
  at: string,
): Group {
  const problems = memberProblems(group.kind, member.memberId, member.memberKind);
  if (problems.length > 0) throw new ActivityInputInvalid(problems);
  const existing = group.members.find((m) => m.memberId === member.memberId);
  const joined: GroupMember =
    existing?.leftAt === null ? { ...existing, ...member } : { ...member, joinedAt: at, leftAt: null };
  const others = group.members.filter((m) => m.memberId !== member.memberId);
  return { ...group, members: [...others, joined] };
}

export function applyLeave(group: Group, memberId: string, at: string): Group {
  const member = current(group).find((m) => m.memberId === memberId);
  if (!member) throw new MemberNotFound(`${memberId} is not a current member of the ${group.kind} group`);
  return { ...group, members: group.members.map((m) => (m.memberId === memberId ? { ...m, leftAt: at } : m)) };
}

/** A meeting or training: topic ≤ 200, 1–1440 minutes, no more attendees than the group's current members. */
export function meetingProblems(group: Group, meeting: Omit<GroupMeeting, 'meetingId'>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (meeting.topic.length < 1 || meeting.topic.length > 200) {
    problems.push({ path: '/topic', message: 'must be 1–200 characters' });
  }
  if (!Number.isInteger(meeting.durationMinutes) || meeting.durationMinutes < 1 || meeting.durationMinutes > 1440) {
    problems.push({ path: '/durationMinutes', message: 'must be an integer from 1 to 1440' });
  }
  const members = current(group).length;
  if (!Number.isInteger(meeting.attendeeCount) || meeting.attendeeCount < 0 || meeting.attendeeCount > members) {
    problems.push({ path: '/attendeeCount', message: `must be from 0 to the group's ${members} current members` });
  }
  return problems;
}

export function applyMeeting(group: Group, meeting: GroupMeeting): Group {
  const problems = meetingProblems(group, meeting);
  if (problems.length > 0) throw new ActivityInputInvalid(problems);
  return { ...group, meetings: [...group.meetings, meeting] };
}

/** Per group, for the completion report: current members, meetings, trainings and the trainings' minutes. */
export function groupCounts(groups: readonly Group[]): Record<GroupKind, GroupCount> {
  const countOf = (kind: GroupKind): GroupCount => {
    const group = groups.find((g) => g.kind === kind);
    const meetings = group?.meetings ?? [];
    const trainings = meetings.filter((m) => m.kind === 'training');
    return {
      members: group ? current(group).length : 0,
      meetings: meetings.length - trainings.length,
      trainings: trainings.length,
      trainingMinutes: trainings.reduce((sum, m) => sum + m.durationMinutes, 0),
    };
  };
  return { participants: countOf('participants'), staff: countOf('staff'), volunteers: countOf('volunteers') };
}
