import { type Caller, funderPartiesOf, isAuditor, ORGANIZATION_ROLES } from '../../access/funding-access';

/** What a caller may read: null = everything (auditor); else its funders' and its organizations' own. */
export type ReadScope = { funderIds: string[]; organizationIds: string[] } | null;

const ORGANIZATION_PREFIX = 'organization:';

/**
 * The caller's read scope, or why it has none (it is neither a funder's admin/staff, an organization's
 * admin/staff nor an auditor): applications and grants are read by these alone.
 */
export function readScopeOf(caller: Caller, action: string): { scope: ReadScope } | { refusal: string } {
  if (isAuditor(caller)) return { scope: null };
  const funderIds = funderPartiesOf(caller);
  const organizationIds = ORGANIZATION_ROLES.some((role) => caller.roles.includes(role))
    ? caller.parties
        .filter((party) => party.startsWith(ORGANIZATION_PREFIX))
        .map((party) => party.slice(ORGANIZATION_PREFIX.length))
    : [];
  if (funderIds.length > 0 || organizationIds.length > 0) return { scope: { funderIds, organizationIds } };
  return {
    refusal:
      `${caller.sub} may not ${action}: it needs funder-admin or funder-staff of a funder, organization-admin or ` +
      `organization-staff of an organization, or auditor; the token grants ${caller.roles.join(', ') || 'none'} ` +
      `for ${caller.parties.join(', ') || 'none'}`,
  };
}

/** May the scope read a row of this funder and organization? */
export const inScope = (scope: ReadScope, row: { funderId: string | null; organizationId: string }): boolean =>
  scope === null ||
  (row.funderId !== null && scope.funderIds.includes(row.funderId)) ||
  scope.organizationIds.includes(row.organizationId);
