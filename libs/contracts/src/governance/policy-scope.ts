/**
 * Which part of the administrative hierarchy a decision policy applies to. A policy names at most one
 * of communityCode (non-null), streetCode and districtCode; none = the deployment's district default.
 * Governance resolves a decision's policy community → street → district → default, and refuses a policy
 * that names two scopes (conflictingScopeFields). Pure: no schema library, so workflows may use it.
 */

export type PolicyScopeLevel = 'community' | 'street' | 'district' | 'default';

export interface PolicyScope {
  level: PolicyScopeLevel;
  /** The community, street or district code; null for the default. */
  code: string | null;
}

/** The scope fields of a DecisionPolicyInput (absent and null both mean "not this level"). */
export interface PolicyScopeFields {
  communityCode?: string | null;
  streetCode?: string | null;
  districtCode?: string | null;
}

const SCOPE_FIELDS = [
  ['communityCode', 'community'],
  ['streetCode', 'street'],
  ['districtCode', 'district'],
] as const;

/** The scope fields `input` sets, most specific first. */
const setScopeFields = (input: PolicyScopeFields) =>
  SCOPE_FIELDS.filter(([field]) => input[field] !== undefined && input[field] !== null);

/**
 * The policy's scope: its most specific set field, or the default when none is set. It does not judge
 * a policy that sets more than one (see conflictingScopeFields).
 */
export function policyScopeOf(input: PolicyScopeFields): PolicyScope {
  const [first] = setScopeFields(input);
  if (!first) return { level: 'default', code: null };
  const [field, level] = first;
  return { level, code: input[field] ?? null };
}

/** The scope fields set together, when more than one is (a policy has at most one scope); else []. */
export function conflictingScopeFields(input: PolicyScopeFields): Array<keyof PolicyScopeFields> {
  const set = setScopeFields(input).map(([field]) => field);
  return set.length > 1 ? set : [];
}
