import {
  conflictingScopeFields,
  type FieldProblem,
  policyScopeOf,
  SCOPE_FIELDS,
  type PolicyScopeFields,
} from '@sanshe/contracts';

/** Administrative codes: district `310104`, street `310104-005`, community `310104-005-001`. */
const ADMINISTRATIVE_CODE = /^[0-9]{6}(-[0-9]{3}){0,2}$/;

/** The scope fields of an unvalidated body: strings kept, anything else left out (the schema judges it). */
export function scopeFieldsOf(body: unknown): PolicyScopeFields {
  const fields: PolicyScopeFields = {};
  if (typeof body !== 'object' || body === null) return fields;
  for (const [field] of SCOPE_FIELDS) {
    const value = (body as Record<string, unknown>)[field];
    if (typeof value === 'string') fields[field] = value;
  }
  return fields;
}

/**
 * A policy governs one program, one community, one street, one district, or (none) the deployment's default:
 * 400 otherwise, naming every field after the first.
 */
export function scopeProblems(fields: PolicyScopeFields): FieldProblem[] {
  const set = conflictingScopeFields(fields);
  return set.slice(1).map((field) => ({
    path: `/${field}`,
    message: `a policy has one scope: it sets ${set.join(' and ')}; keep at most one of programId, communityCode, streetCode and districtCode`,
  }));
}

/**
 * Whose policy administrators may set a policy for this scope: `jurisdiction:<code>` of the community,
 * street or district it governs, or of any level above it (a community's street and district, a street's
 * district); the default (no scope), a program's policy (the district's operator; programs set their own by
 * event), or a community not written as an administrative code, needs the deployment's district. Only these are checked, so a street's administrator cannot set another street's
 * policies, nor its district's.
 */
export function jurisdictionsOver(fields: PolicyScopeFields, districtCode: string): string[] {
  const { level, code } = policyScopeOf(fields);
  if (level === 'program') return [`jurisdiction:${districtCode}`];
  if (code !== null && ADMINISTRATIVE_CODE.test(code)) {
    const parts = code.split('-');
    return parts.map((_, i) => `jurisdiction:${parts.slice(0, parts.length - i).join('-')}`);
  }
  const own = level === 'community' && code ? [`jurisdiction:${code}`] : [];
  return [...own, `jurisdiction:${districtCode}`];
}
