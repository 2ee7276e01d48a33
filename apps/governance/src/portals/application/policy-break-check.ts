import { Injectable } from '@nestjs/common';
import type { ControllerRule } from '../../parties/domain/party-controller';
import { PolicyRepository } from '../../policies/domain/policy.repository';
import { breaksMessage, policyBreaks, resolverWith } from '../domain/policy-breaks';
import { partiesOf, type Portal } from '../domain/portal';
import { PortalConflict } from '../domain/portal-errors';
import { type RegistryEntry, registeredControllerRules } from '../domain/portal-rules';

/**
 * Keeps "no single veto" across registry changes (docs/decisions.md, "Controllers and blocs"): a portal
 * that starts speaking for a party moves that party's seats into its own bloc, so every current stored
 * policy (the district defaults included) is re-checked with the map as it would be after the change.
 */
@Injectable()
export class PolicyBreakCheck {
  constructor(private readonly policies: PolicyRepository) {}

  /**
   * Throws PortalConflict `breaks-policy`, naming each policy, rule and controller, when putting `next` in
   * place of its stored version among `portals` would make a stored policy break a rule it keeps now.
   * `inForce`: the controller map's rules now. Called under the registry's lock, before anything is written.
   */
  async refuseBreaks(
    change: string,
    inForce: readonly ControllerRule[],
    portals: readonly Portal[],
    next: RegistryEntry,
  ): Promise<void> {
    const current = portals.find((portal) => portal.portalId === next.portalId);
    const after = [...portals.filter((portal) => portal !== current), next];
    const stored = await this.policies.listLatest({});
    const breaks = policyBreaks(
      stored.map(({ policy }) => policy),
      resolverWith(inForce, registeredControllerRules(portals)),
      resolverWith(inForce, registeredControllerRules(after)),
      [...new Set([...(current ? partiesOf(current) : []), ...partiesOf(next)])],
    );
    if (breaks.length > 0) throw new PortalConflict('breaks-policy', breaksMessage(change, breaks), undefined, breaks);
  }
}
