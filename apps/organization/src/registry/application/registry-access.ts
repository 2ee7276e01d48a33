import { AccessDenied } from '@sanshe/auth';
import {
  type Caller,
  jurisdictionParty,
  organizationParty,
  roleRefusal,
  ROLES,
} from '../../access/organization-access';

/** 403 unless `caller` is the registrar of `districtCode`. */
export function requireRegistrar(caller: Caller, districtCode: string, action: string): void {
  const refusal = roleRefusal(caller, ROLES.registrar, [jurisdictionParty(districtCode)], action);
  if (refusal) throw new AccessDenied(refusal);
}

/** Whether `caller` is the registrar of `districtCode`. */
export const isRegistrarOf = (caller: Caller, districtCode: string) =>
  roleRefusal(caller, ROLES.registrar, [jurisdictionParty(districtCode)], 'register') === null;

/** 403 unless `caller` is the organization's admin or the registrar of `districtCode`. */
export function requireAdminOrRegistrar(caller: Caller, organizationId: string, districtCode: string, action: string) {
  if (isRegistrarOf(caller, districtCode)) return;
  const refusal = roleRefusal(caller, ROLES.orgAdmin, [organizationParty(organizationId)], action);
  if (refusal)
    throw new AccessDenied(`${refusal} (or the role ${ROLES.registrar} for ${jurisdictionParty(districtCode)})`);
}

/** Who reads the legal representative (a person's name): the organization's admin and staff, its registrar, an auditor. */
export function readsLegalRepresentative(caller: Caller, organizationId: string, districtCode: string): boolean {
  if (caller.roles.includes(ROLES.auditor) || isRegistrarOf(caller, districtCode)) return true;
  const party = [organizationParty(organizationId)];
  return roleRefusal(caller, [ROLES.orgAdmin, ROLES.orgStaff], party, 'read') === null;
}
