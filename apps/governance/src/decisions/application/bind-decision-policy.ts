import type { DecisionPolicy } from '@sanshe/contracts';
import { PermanentEventError } from '@sanshe/messaging';
import {
  type AreaBinding,
  bindPolicyToArea,
  type ControllerResolver,
  templatedPartyIds,
  unboundPlaceholders,
  validatePolicy,
} from '@sanshe/workflows';
import type { AreaLineage } from '../../administrative-areas/domain/administrative-area';

/**
 * The policy a decision in `communityCode` pins: its placeholders bound to the community, its street and
 * its district (`lineage`; null when governance knows neither, which leaves only `{communityCode}`
 * bindable). Refused as a permanent error, naming why, when a placeholder cannot be bound or the bound
 * policy breaks the rules (binding can make an arbiter a voter, or two seats one party): the event is
 * dead-lettered and can be replayed once the area is published or the policy fixed.
 */
export function bindDecisionPolicy(
  policy: DecisionPolicy,
  communityCode: string,
  lineage: AreaLineage | null,
  controllerOf: ControllerResolver,
): DecisionPolicy {
  const area: AreaBinding = lineage ?? { communityCode, streetCode: null, districtCode: null };
  const named = `policy ${policy.policyId} v${policy.version}`;
  const unbound = unboundPlaceholders(policy, area);
  if (unbound.length > 0) {
    const which = unbound.map(({ placeholder, partyId }) => `${placeholder} in ${partyId}`).join(', ');
    throw new PermanentEventError(
      `${named} cannot be bound in community ${communityCode}: ${which} needs its street or district, which ` +
        `governance does not know (no community.registered for ${communityCode}, and it is not a code like ` +
        '310104-005-001); publish the community, or set a policy without those placeholders, then replay this event',
    );
  }
  const bound = bindPolicyToArea(policy, area);
  // Stored policies were validated when set; only binding can break them.
  if (templatedPartyIds(policy).length === 0) return bound;
  const violations = validatePolicy(bound, controllerOf);
  if (violations.length > 0) {
    throw new PermanentEventError(
      `${named} bound in community ${communityCode} breaks the rules: ${violations.map((v) => v.message).join('; ')}; ` +
        'fix the policy, then replay this event',
    );
  }
  return bound;
}
