import { AccessDenied } from '@sanshe/auth';
import {
  actsFor,
  type Caller,
  isAuditor,
  isTalentAdmin,
  ORGANIZATION_ROLES,
  organizationParty,
  roleRefusal,
  ROLES,
} from '../../access/talent-access';

/**
 * 403 unless `caller` is the organization's admin or staff, or a talent-admin. A worker without an
 * organization is the talent office's alone. (Talent does not know organizations' districts, so a
 * talent-admin's jurisdiction is not matched to the worker.)
 */
export function requireActsForWorkers(caller: Caller, organizationId: string | null, action: string): void {
  if (isTalentAdmin(caller)) return;
  const parties = organizationId ? [organizationParty(organizationId)] : [];
  const refusal = roleRefusal(caller, ORGANIZATION_ROLES, parties, action);
  if (refusal) throw new AccessDenied(`${refusal} (or the role ${ROLES.talentAdmin} for a jurisdiction)`);
}

/** Who reads a worker's personal fields (name, phone, school): its organization, the talent office, auditors. */
export function readsPersonal(caller: Caller, organizationId: string | null): boolean {
  if (isAuditor(caller) || isTalentAdmin(caller)) return true;
  return organizationId !== null && actsFor(caller, organizationId);
}

/** Today where the service works (Asia/Shanghai), YYYY-MM-DD: the day certificates are judged on. */
export const todayInShanghai = (now = new Date()) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now);
