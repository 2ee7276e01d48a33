import { policyScopeOf, type PolicyScope } from '@sanshe/contracts';
import type { ResolvedPolicy, StoredPolicy } from './stored-policy';

/**
 * Where a decision is: its community and, when governance knows them, its street and district; and the
 * funding program it is about, when it is about one (its grant-award, say).
 */
export interface DecisionArea {
  /** The program whose own policy comes first; absent or null: none. */
  programId?: string | null;
  /** null: no community (what the default alone would give). */
  communityCode: string | null;
  streetCode: string | null;
  districtCode: string | null;
}

/**
 * The area a decision in `communityCode` is in: its lineage when governance knows it, else the community
 * alone; with the program it is about, if any.
 */
export function decisionAreaOf(
  communityCode: string | null,
  lineage: DecisionArea | null,
  programId?: string | null,
): DecisionArea {
  const area = lineage ?? { communityCode, streetCode: null, districtCode: null };
  return programId ? { ...area, programId } : area;
}

/** The scopes whose policy a decision in `area` may take, most specific first, the default last. */
export function resolutionScopes(area: DecisionArea): PolicyScope[] {
  const levels = [
    { level: 'program', code: area.programId ?? null },
    { level: 'community', code: area.communityCode },
    { level: 'street', code: area.streetCode },
    { level: 'district', code: area.districtCode },
  ] as const;
  return [...levels.filter((scope) => scope.code !== null), { level: 'default', code: null }] as PolicyScope[];
}

/**
 * The policy a decision in `area` takes among `candidates` (latest versions): its program's, else its
 * community's, else its street's, else its district's, else the deployment's default (docs/decisions.md,
 * "Policies" and "Program scope"); null when none applies.
 */
export function mostSpecificPolicy(candidates: readonly StoredPolicy[], area: DecisionArea): ResolvedPolicy | null {
  for (const scope of resolutionScopes(area)) {
    const found = candidates
      .filter((candidate) => {
        const own = policyScopeOf(candidate.policy);
        return own.level === scope.level && own.code === scope.code;
      })
      .sort((a, b) => b.policy.version - a.policy.version)[0];
    if (found) return { ...found, resolvedFrom: scope.level };
  }
  return null;
}
