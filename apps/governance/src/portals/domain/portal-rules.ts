import type { FieldProblem } from '@sanshe/contracts';
import type { ControllerRule } from '../../parties/domain/party-controller';
import type { RegisteredControllerRules } from '../../parties/domain/registered-controllers';
import { partiesOf, type Portal, portalPartyId } from './portal';

/** The origin of the controller rules the registry adds (GET /controllers shows it). */
export const REGISTRY_ORIGIN = 'portal-registry';

/**
 * What the schema cannot say about speaksFor: a portal speaks for itself already (portal:<id> is
 * implicit, never listed), and never for another portal (each portal speaks only on its own topic).
 */
export function speaksForProblems(portalId: string, speaksFor: readonly string[]): FieldProblem[] {
  return speaksFor.flatMap((partyId, index): FieldProblem[] => {
    if (!partyId.startsWith('portal:')) return [];
    const message =
      partyId === portalPartyId(portalId)
        ? `${partyId} is the portal itself, which it always speaks for: leave it out`
        : `${partyId} is another portal, which speaks only for itself on its own topic`;
    return [{ path: `/speaksFor/${index}`, message }];
  });
}

/** Another controller of a party: another registered portal, or an exact rule stored or configured. */
export interface PartyClaim {
  partyId: string;
  /** `portal:<id>` for a registered portal, else the rule's controller. */
  controller: string;
  /** `portal-registry`, `seed`, `config`, … */
  origin: string;
}

/**
 * The claims `portalId` would break by speaking for `partyIds`: one controller per party. A kind's rule
 * (`funder:*` → funding) is no claim: an exact rule beats it, as the controller map resolves. Claims by
 * the portal itself (a configured rule naming it) are no conflict either.
 */
export function conflictingClaims(
  portalId: string,
  partyIds: readonly string[],
  registered: readonly PartyClaim[],
  rules: readonly ControllerRule[],
): PartyClaim[] {
  const self = portalPartyId(portalId);
  const fromRules = rules
    .filter((rule) => rule.origin !== REGISTRY_ORIGIN && partyIds.includes(rule.partyPattern))
    .map((rule) => ({ partyId: rule.partyPattern, controller: rule.controller as string, origin: rule.origin }));
  return [...registered, ...fromRules].filter((claim) => partyIds.includes(claim.partyId) && claim.controller !== self);
}

export const claimsMessage = (claims: readonly PartyClaim[]) =>
  claims.map((c) => `${c.partyId} is already spoken for by ${c.controller} (${c.origin})`).join('; ');

/** What of a portal the controller map depends on. */
export type RegistryEntry = Pick<Portal, 'portalId' | 'speaksFor' | 'status'>;

/**
 * What the registry adds to the controller map: an active portal controls portal:<id> and each of its
 * speaksFor on its commands topic; a suspended one controls nothing, and nobody else may speak for its
 * parties meanwhile (they stay claimed).
 */
export function registeredControllerRules(portals: readonly RegistryEntry[]): RegisteredControllerRules {
  const rules: ControllerRule[] = [];
  const silenced: string[] = [];
  for (const portal of portals) {
    if (portal.status === 'suspended') silenced.push(...partiesOf(portal));
    else {
      const controller = portalPartyId(portal.portalId);
      rules.push(...partiesOf(portal).map((partyPattern) => ({ partyPattern, controller, origin: REGISTRY_ORIGIN })));
    }
  }
  return { rules, silenced };
}
