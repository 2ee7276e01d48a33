import { jurisdictionCovers, type PortalData } from '@sanshe/contracts';
import type { ControllerId } from '../../parties/domain/party-controller';

export type PortalKind = PortalData['kind'];
export type PortalStatus = PortalData['status'];

/** A government portal as the registry keeps it (table `portal`, migration 1795737600021). */
export interface Portal extends PortalData {
  /** The operator's token subject. */
  registeredBy: string;
  registeredAt: Date;
  updatedAt: Date;
}

/** What an operator gives to register a portal. */
export type PortalRegistration = Pick<Portal, 'portalId' | 'name' | 'kind' | 'jurisdiction' | 'kafkaPrincipal'> & {
  speaksFor: string[];
};

/** What an update may change; `version` is the one the operator last read. */
export interface PortalChanges {
  version: number;
  name?: string;
  jurisdiction?: string[];
  speaksFor?: string[];
  status?: PortalStatus;
}

/** The party id of a portal: `portal:<portalId>`. */
export const portalPartyId = (portalId: string): ControllerId => `portal:${portalId}`;

/** Whether `portal` may act on the area `areaCode` (the contract's rule, jurisdictionCovers). */
export const covers = (portal: Pick<Portal, 'jurisdiction'>, areaCode: string): boolean =>
  jurisdictionCovers(portal.jurisdiction, areaCode);

/** Every party the portal speaks for while active: itself and its speaksFor. */
export const partiesOf = (portal: Pick<Portal, 'portalId' | 'speaksFor'>): string[] => [
  portalPartyId(portal.portalId),
  ...portal.speaksFor,
];

/** The registration fields of a portal, in the stored (sorted) order, for comparing a repeated POST. */
export const registrationOf = (portal: PortalRegistration): PortalRegistration => ({
  portalId: portal.portalId,
  name: portal.name,
  kind: portal.kind,
  jurisdiction: [...portal.jurisdiction].sort(),
  kafkaPrincipal: portal.kafkaPrincipal,
  speaksFor: [...portal.speaksFor].sort(),
});

export const sameRegistration = (a: PortalRegistration, b: PortalRegistration): boolean =>
  JSON.stringify(registrationOf(a)) === JSON.stringify(registrationOf(b));

/** The public facts of a portal (its events' data): the row without who registered it when. */
export const portalData = (portal: Portal): PortalData => ({
  portalId: portal.portalId,
  name: portal.name,
  kind: portal.kind,
  jurisdiction: portal.jurisdiction,
  kafkaPrincipal: portal.kafkaPrincipal,
  speaksFor: portal.speaksFor,
  status: portal.status,
  version: portal.version,
});
