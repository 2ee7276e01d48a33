import {
  type Caller,
  FUNDER_ROLES,
  funderPartiesOf,
  isAuditor,
  ORGANIZATION_ROLES,
  roleRefusal,
  ROLES,
} from '../../access/funding-access';
import type { FlowFilter } from '../domain/flow.repository';

/** The report's filters as the query gave them (already valid). */
export interface FlowQuery {
  from?: string;
  to?: string;
  programId?: string;
  funderId?: string;
}

const organizationsOf = (caller: Caller): string[] =>
  ORGANIZATION_ROLES.some((role) => caller.roles.includes(role))
    ? caller.parties.filter((p) => p.startsWith('organization:')).map((p) => p.slice('organization:'.length))
    : [];

/**
 * What `caller` may see of the flows, as a filter (or why not): an auditor everything; a funder's admin or
 * staff its own programs (another funder's funderId is refused); an organization's admin or staff only its
 * own grants, whatever the grouping.
 */
export function flowFilterFor(caller: Caller, query: FlowQuery): { filter: FlowFilter } | { refusal: string } {
  const base = { from: query.from ?? null, to: query.to ?? null, programId: query.programId ?? null };
  const asked = query.funderId ? [query.funderId] : null;
  if (isAuditor(caller)) return { filter: { ...base, funderIds: asked, organizationIds: null } };
  const funders = funderPartiesOf(caller);
  if (funders.length > 0) {
    const refusal = query.funderId
      ? roleRefusal(caller, FUNDER_ROLES, [query.funderId], `read the flows of ${query.funderId}`)
      : null;
    if (refusal) return { refusal };
    return { filter: { ...base, funderIds: asked ?? funders, organizationIds: null } };
  }
  const organizations = organizationsOf(caller);
  if (organizations.length > 0) return { filter: { ...base, funderIds: asked, organizationIds: organizations } };
  return {
    refusal:
      `${caller.sub} may not read funding flows: it needs the role ${ROLES.funderAdmin} or ${ROLES.funderStaff} ` +
      `for a funder:* or portal:* party, ${ROLES.orgAdmin} or ${ROLES.orgStaff} for an organization:* party, or ` +
      `${ROLES.auditor}; the token grants roles ${caller.roles.join(', ') || 'none'} for ${caller.parties.join(', ') || 'none'}`,
  };
}
