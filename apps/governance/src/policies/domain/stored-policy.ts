import { type DecisionPolicy, policyScopeOf, type PolicyScopeFields, type PolicyScopeLevel } from '@sanshe/contracts';

/** One stored version of a policy, with who set it and when (the audit of policy changes). */
export interface StoredPolicy {
  policy: DecisionPolicy;
  createdAt: Date;
  /** null while the HTTP API has no authenticated identity, and for rows from before it had one. */
  createdBy: string | null;
}

/** The policy a decision would take, and the level of the hierarchy it came from. */
export type ResolvedPolicy = StoredPolicy & { resolvedFrom: PolicyScopeLevel };

/** Where a policy applies: one decision kind, in one community, street or district, or (none) by default. */
export type ScopedKind = { decisionKind: string } & PolicyScopeFields;

export function describeScope({ decisionKind, ...fields }: ScopedKind): string {
  const { level, code } = policyScopeOf(fields);
  return `${decisionKind} ${level === 'default' ? 'district-wide' : `in ${level} ${code}`}`;
}

/** Same scope: same decision kind, same level, same code. */
export function sameScope(a: ScopedKind, b: ScopedKind): boolean {
  const [x, y] = [policyScopeOf(a), policyScopeOf(b)];
  return a.decisionKind === b.decisionKind && x.level === y.level && x.code === y.code;
}
