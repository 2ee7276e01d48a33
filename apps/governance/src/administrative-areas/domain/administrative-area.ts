/** A level of the administrative hierarchy: district (区), street (街道), community (社区). */
export type AreaLevel = 'district' | 'street' | 'community';

/** One unit as governance keeps it, at the highest revision the community service published. */
export interface AdministrativeArea {
  code: string;
  level: AreaLevel;
  /** The street of a community, the district of a street; null for a district. */
  parentCode: string | null;
  name: string;
  population: number;
  revision: number;
  /** The event that set this revision. */
  sourceEventId: string;
  updatedAt: Date;
}

/** A community with its street and district: what `{communityCode}`, `{streetCode}`, `{districtCode}` bind to. */
export interface AreaLineage {
  communityCode: string;
  streetCode: string;
  districtCode: string;
}

const COMMUNITY_CODE = /^([0-9]{6})-([0-9]{3})-[0-9]{3}$/;
const STREET_CODE = /^([0-9]{6})-[0-9]{3}$/;

/**
 * The lineage a well-formed community code spells (`310104-005-001` → street `310104-005`, district
 * `310104`), or null for a code that is not one (`chaos-community`): then only the read model knows.
 */
export function lineageFromCode(communityCode: string): AreaLineage | null {
  const match = COMMUNITY_CODE.exec(communityCode);
  if (!match) return null;
  const [, districtCode = '', streetNumber = ''] = match;
  return { communityCode, streetCode: `${districtCode}-${streetNumber}`, districtCode };
}

/** The district a well-formed street code names, or null. */
export const districtOfStreet = (streetCode: string): string | null => STREET_CODE.exec(streetCode)?.[1] ?? null;

/** Whether a recorded area gives way to a change: only a newer revision replaces it (docs/decisions.md). */
export const supersedes = (
  incoming: Pick<AdministrativeArea, 'revision'>,
  stored: Pick<AdministrativeArea, 'revision'> | null,
) => stored === null || incoming.revision > stored.revision;
