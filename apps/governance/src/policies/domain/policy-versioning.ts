import canonicalize from 'canonicalize';
import type { DecisionPolicyInput } from '@sanshe/contracts';
import { PolicyConflict } from './policy-errors';
import { describeScope, sameScope, type StoredPolicy } from './stored-policy';

/** What a PUT of `input` does, given what is stored (read under the writers' lock). */
export type VersionDecision = { kind: 'unchanged'; latest: StoredPolicy } | { kind: 'append'; version: number };

/** The stored body without the version governance added: what a client sent. */
export function inputOf(policy: StoredPolicy['policy']): DecisionPolicyInput {
  const input: Partial<StoredPolicy['policy']> = { ...policy };
  delete input.version;
  return input as DecisionPolicyInput;
}

/** Same policy = same JSON up to key order (RFC 8785), so a re-sent body is recognised after a jsonb round trip. */
export const samePolicy = (a: DecisionPolicyInput, b: DecisionPolicyInput) => canonicalize(a) === canonicalize(b);

/**
 * The versioning rules:
 * - an unchanged body is not a change: the PUT is answered with the latest version (idempotent);
 * - otherwise the next version is latest + 1;
 * - a policy keeps its scope (kind, and community, street or district): decisions pinned to earlier versions were opened in that
 *   scope, and moving it would silently change what resolve() gives other communities;
 * - a scope has one policy, so that resolve() never has to pick between two.
 */
export function decideVersion(
  input: DecisionPolicyInput,
  latest: StoredPolicy | null,
  /** Another policy id already governing input's scope, if any. */
  scopeHolder: string | null,
): VersionDecision {
  if (latest) {
    const stored = inputOf(latest.policy);
    if (!sameScope(stored, input)) {
      throw new PolicyConflict(
        `policy ${input.policyId} governs ${describeScope(stored)}; it cannot move to ${describeScope(input)} ` +
          '(decisions already pinned to it were opened there): create a policy with a new id instead',
        input.policyId,
      );
    }
    if (samePolicy(stored, input)) return { kind: 'unchanged', latest };
  }
  if (scopeHolder !== null) {
    throw new PolicyConflict(
      `policy ${scopeHolder} already governs ${describeScope(input)}: change that policy instead of adding ${input.policyId}`,
      scopeHolder,
    );
  }
  return { kind: 'append', version: (latest?.policy.version ?? 0) + 1 };
}
