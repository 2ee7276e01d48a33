import type { DecisionPolicy } from '@sanshe/contracts';
import { bindPolicyToArea, type ControllerResolver, type PolicyViolation, validatePolicy } from '@sanshe/workflows';
import { controllerOf, type ControllerRule } from '../../parties/domain/party-controller';
import type { RegisteredControllerRules } from '../../parties/domain/registered-controllers';
import { bindingsFor, describeBinding } from './policy-bindings';
import { REGISTRY_ORIGIN } from './portal-rules';

/** A stored policy that a registry change would break, and how (the validator's violation). */
export interface PolicyBreak {
  policyId: string;
  version: number;
  /** The area a decision would bind the policy to for the break to show (`street 310104-005`); absent: as stored. */
  boundTo?: string;
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

/** The violations `policy` has with the map `after` and did not have with `before`. */
function newViolations(policy: DecisionPolicy, before: ControllerResolver, after: ControllerResolver) {
  const existing = new Set(validatePolicy(policy, before).map(violationKey));
  return validatePolicy(policy, after).filter((violation) => !existing.has(violationKey(violation)));
}

/**
 * The violations of the no-single-veto rules (validatePolicy, as PUT /policies checks) that each policy
 * has with the map `after` and did not have with `before`: what the change itself would break. A policy
 * already broken before is not this change's to refuse, or one bad policy would freeze the registry.
 * Each policy is checked as stored, and bound to every area where one of `partyIds` (the changed portal's)
 * fills a templated seat or arbiter, as a decision there would run it (one break reported once).
 */
export function policyBreaks(
  policies: readonly DecisionPolicy[],
  before: ControllerResolver,
  after: ControllerResolver,
  partyIds: readonly string[] = [],
): PolicyBreak[] {
  return policies.flatMap((policy) => {
    const { policyId, version } = policy;
    const seen = new Set<string>();
    const found: PolicyBreak[] = [];
    const add = (violations: PolicyViolation[], boundTo?: string) => {
      for (const violation of violations) {
        if (seen.has(violationKey(violation))) continue;
        seen.add(violationKey(violation));
        found.push({ policyId, version, ...(boundTo ? { boundTo } : {}), violation });
      }
    };
    add(newViolations(policy, before, after));
    for (const binding of bindingsFor(policy, partyIds)) {
      add(newViolations(bindPolicyToArea(policy, binding), before, after), describeBinding(binding));
    }
    return found;
  });
}

/** One line per break: the policy and version, the rule, the controller, and the validator's words. */
export const breaksMessage = (change: string, breaks: readonly PolicyBreak[]) =>
  `${change} would break ${breaks
    .map(({ policyId, version, boundTo, violation: v }) => {
      const who = v.controller ?? v.partyId;
      const where = boundTo ? ` for a decision in ${boundTo}` : '';
      return `policy ${policyId} (version ${version})${where}: ${v.rule}${who ? ` by ${who}` : ''}: ${v.message}`;
    })
    .join('; ')}`;
