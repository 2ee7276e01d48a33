import { jurisdictionCovers, type PortalData } from '@sanshe/contracts';

/** A government portal as funding copies it from governance's registry (table `portal`, migration 100). */
export type Portal = PortalData;

const COMMANDS_TOPIC = /^sanshe\.portal\.([a-z0-9][a-z0-9-]*)\.commands$/;

/** The portal whose commands topic `topic` is (only that portal may write there), or null. */
export const portalOfCommandsTopic = (topic: string): string | null => COMMANDS_TOPIC.exec(topic)?.[1] ?? null;

/** Whether `portal` may act on the area `areaCode`: the contract's rule (jurisdictionCovers), as governance's. */
export const covers = (portal: Pick<Portal, 'jurisdiction'>, areaCode: string): boolean =>
  jurisdictionCovers(portal.jurisdiction, areaCode);

/** Whether `portal` speaks for the party `partyId`: itself (`portal:<id>`) or one of its speaksFor. */
export const speaksFor = (portal: Pick<Portal, 'portalId' | 'speaksFor'>, partyId: string): boolean =>
  partyId === `portal:${portal.portalId}` || portal.speaksFor.includes(partyId);

/** Why a portal command is refused: its reply's code (kebab-case) and reason. */
export interface CommandRefusal {
  code: string;
  reason: string;
}

/**
 * Whether a command from `portalId` may be heard at all: a portal governance registered and then suspended
 * speaks for nobody (portal-suspended). A portal the registry does not know is heard as before the registry
 * (FUNDING_PORTALS); commands that need its jurisdiction refuse it themselves (unknown-portal).
 */
export function suspension(portalId: string, portal: Portal | null): CommandRefusal | null {
  if (portal?.status !== 'suspended') return null;
  return { code: 'portal-suspended', reason: `portal ${portalId} is suspended: it speaks for nobody` };
}

/** What a portal asks for when it opens a program: the funder and the district. */
export interface ProgramOpening {
  programId: string;
  castBy: string;
  funderId: string;
  districtCode: string;
}

/**
 * Judges a portal's request to open a program (pure): sent as the portal itself (castBy portal:<id>, source
 * portal/<id>), by a registered and active portal, for a funder it speaks for, in a district within its
 * jurisdiction. Null: funding opens the program as PUT /programs/{programId} would.
 */
export function openingRefusal(
  portalId: string,
  portal: Portal | null,
  source: string,
  opening: ProgramOpening,
): CommandRefusal | null {
  const self = `portal:${portalId}`;
  if (opening.castBy !== self || source !== `portal/${portalId}`) {
    return {
      code: 'wrong-channel',
      reason: `the commands topic of ${self} carries its own commands only: castBy ${opening.castBy}, source ${source}`,
    };
  }
  if (!portal) return { code: 'unknown-portal', reason: `portal ${portalId} is not in governance's registry` };
  const suspended = suspension(portalId, portal);
  if (suspended) return suspended;
  if (!speaksFor(portal, opening.funderId)) {
    return {
      code: 'not-funder',
      reason: `${self} does not speak for ${opening.funderId}, the funder of program ${opening.programId}`,
    };
  }
  if (!covers(portal, opening.districtCode)) {
    return {
      code: 'outside-jurisdiction',
      reason: `program ${opening.programId} is in district ${opening.districtCode}, outside ${self}'s jurisdiction (${portal.jurisdiction.join(', ')})`,
    };
  }
  return null;
}
