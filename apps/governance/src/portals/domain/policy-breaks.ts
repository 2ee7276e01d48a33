import type { DecisionPolicy } from '@sanshe/contracts';
import { type ControllerResolver, type PolicyViolation, validatePolicy } from '@sanshe/workflows';
import { controllerOf, type ControllerRule } from '../../parties/domain/party-controller';
import type { RegisteredControllerRules } from '../../parties/domain/registered-controllers';
import { REGISTRY_ORIGIN } from './portal-rules';

/** A stored policy that a registry change would break, and how (the validator's violation). */
export interface PolicyBreak {
  policyId: string;
  version: number;
  violation: PolicyViolation;
}

/**
 * Who would speak for each party if the registry's rules were `registered`: the rules in force less the
 * registry's, plus `registered`'s, a suspended portal's parties silenced, as the controller map composes
 * them (stored < registered < configured). Where a stored or configured rule names the same party as a
 * registered one it wins here; the claims check has already refused any such rule naming another controller,
 * so both name the same one.
 */
export function resolverWith(
  inForce: readonly ControllerRule[],
  registered: RegisteredControllerRules,
): ControllerResolver {
  const others = inForce.filter((rule) => rule.origin !== REGISTRY_ORIGIN);
  const added = registered.rules.filter((rule) => !others.some((other) => other.partyPattern === rule.partyPattern));
  const rules = [...others, ...added];
  const silenced = new Set(registered.silenced);
  return (partyId) => (silenced.has(partyId) ? null : controllerOf(rules, partyId));
}

const violationKey = ({ rule, partyId, controller, partyIds }: PolicyViolation) =>
  JSON.stringify([rule, partyId ?? null, controller ?? null, [...(partyIds ?? [])].sort()]);

/**
 * The violations of the no-single-veto rules (validatePolicy, as PUT /policies checks) that each policy
 * has with the map `after` and did not have with `before`: what the change itself would break. A policy
 * already broken before is not this change's to refuse, or one bad policy would freeze the registry.
 */
export function policyBreaks(
  policies: readonly DecisionPolicy[],
  before: ControllerResolver,
  after: ControllerResolver,
): PolicyBreak[] {
  return policies.flatMap((policy) => {
    const existing = new Set(validatePolicy(policy, before).map(violationKey));
    return validatePolicy(policy, after)
      .filter((violation) => !existing.has(violationKey(violation)))
      .map((violation) => ({ policyId: policy.policyId, version: policy.version, violation }));
  });
}

/** One line per break: the policy and version, the rule, the controller, and the validator's words. */
export const breaksMessage = (change: string, breaks: readonly PolicyBreak[]) =>
  `${change} would break ${breaks
    .map(({ policyId, version, violation: v }) => {
      const who = v.controller ?? v.partyId;
      return `policy ${policyId} (version ${version}): ${v.rule}${who ? ` by ${who}` : ''}: ${v.message}`;
    })
    .join('; ')}`;
