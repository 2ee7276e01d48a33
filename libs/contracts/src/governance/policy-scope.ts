/**
 * What a decision policy applies to: a funding program's own decisions, or a part of the administrative
 * hierarchy. A policy names at most one of programId, communityCode (non-null), streetCode and districtCode;
 * none = the deployment's district default. Governance resolves a decision's policy program → community →
 * street → district → default, and refuses a policy that names two scopes (conflictingScopeFields). Pure: no
 * schema library, so workflows may use it.
 */

export type PolicyScopeLevel = 'program' | 'community' | 'street' | 'district' | 'default';

export interface PolicyScope {
  level: PolicyScopeLevel;
  /** The program id, or the community, street or district code; null for the default. */
  code: string | null;
}

/** The scope fields of a DecisionPolicyInput (absent and null both mean "not this level"). */
export interface PolicyScopeFields {
  /** A funding program (issue 15): the policy governs that program's decisions, wherever they are. */
  programId?: string | null;
  communityCode?: string | null;
  streetCode?: string | null;
  districtCode?: string | null;
}

/** The scope fields, most specific first: the order policyScopeOf and resolution rank them in. */
export const SCOPE_FIELDS = [
  ['programId', 'program'],
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
