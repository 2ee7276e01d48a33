import type { Identity } from '@sanshe/auth';
import { organizationParty, ROLES } from '../../../access/organization-access';
import { type Activity, attendanceOf, type Session } from '../../domain/activity';
import type { StoredReport } from '../../domain/activity.repository';
import { type Group, groupCounts } from '../../domain/groups';

/** Resident pseudonyms are shown only to the organization's admin and staff, and to auditors; others get counts. */
export function seesResidents(identity: Identity, organizationId: string): boolean {
  if (identity.roles.includes(ROLES.auditor)) return true;
  const ownRole = identity.roles.includes(ROLES.orgAdmin) || identity.roles.includes(ROLES.orgStaff);
  return ownRole && identity.parties.includes(organizationParty(organizationId));
}

export function activityView(a: Activity, residents: boolean) {
  const { sessionsHeld, participantIds, attendance } = attendanceOf(a.sessions);
  const { sessions, ...fields } = a;
  return {
    ...fields,
    sessionsPlanned: sessions.filter((s) => s.status !== 'cancelled').length,
    sessionsHeld,
    attendance,
    participantCount: participantIds.length,
    ...(residents ? { participantIds } : {}),
  };
}

export function sessionView(s: Session, residents: boolean) {
  const { residentIds, ...fields } = s;
  return { ...fields, residentCount: residentIds.length, ...(residents ? { residentIds } : {}) };
}

export function groupView(group: Group, residents: boolean) {
  const counts = groupCounts([group])[group.kind];
  const shown = residents ? group.members : group.members.filter((m) => m.memberKind === 'worker');
  return {
    groupId: group.groupId,
    kind: group.kind,
    counts,
    members: shown,
    residentMembers: group.members.filter((m) => m.memberKind === 'resident' && m.leftAt === null).length,
    meetings: group.meetings,
  };
}

export const reportView = (activityId: string, report: StoredReport) => ({ activityId, ...report });
