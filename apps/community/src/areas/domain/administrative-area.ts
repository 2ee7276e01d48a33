import type { EventType, NewEvent } from '@sanshe/contracts';

/*
 * The administrative hierarchy as data (pure): districts (区, GB/T 2260 code `310104`), their streets
 * (`310104-005`) and those streets' communities (`310104-005-001`). A unit's parent is its code minus
 * the last `-NNN` segment. Every change is one event carrying the whole unit and its revision.
 */

export const AREA_LEVELS = ['district', 'street', 'community'] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];

const CODE_PATTERNS: Record<AreaLevel, RegExp> = {
  district: /^[0-9]{6}$/,
  street: /^[0-9]{6}-[0-9]{3}$/,
  community: /^[0-9]{6}-[0-9]{3}-[0-9]{3}$/,
};
const CODE_EXAMPLES: Record<AreaLevel, string> = {
  district: '310104',
  street: '310104-005',
  community: '310104-005-001',
};

/** The name of the code field of a level, in URLs and events: districtCode, streetCode, communityCode. */
export const codeFieldOf = (level: AreaLevel) => `${level}Code` as const;

/** Why `code` is not a code of `level`, or null when it is. */
export function codeProblem(level: AreaLevel, code: string): string | null {
  return CODE_PATTERNS[level].test(code) ? null : `must be a ${level} code like ${CODE_EXAMPLES[level]}, not "${code}"`;
}

/** The code of the unit above (null for a district). */
export function parentCodeOf(code: string): string | null {
  const cut = code.lastIndexOf('-');
  return cut < 0 ? null : code.slice(0, cut);
}

export const parentLevelOf = (level: AreaLevel): AreaLevel | null =>
  level === 'community' ? 'street' : level === 'street' ? 'district' : null;

export interface ServiceArea {
  areaKm2?: number;
  description: string;
}

/** What a PUT sets: everything but the code (from the URL) and the revision (counted here). */
export interface AreaBody {
  name: string;
  population: number;
  serviceArea: ServiceArea;
  /** Communities only. */
  households?: number;
}

export interface AdministrativeArea extends AreaBody {
  code: string;
  level: AreaLevel;
  parentCode: string | null;
  revision: number;
}

export type AreaEvent = Omit<NewEvent<EventType>, 'source'>;

export interface AreaChange {
  state: AdministrativeArea;
  events: AreaEvent[];
  /** true: a new unit; false: an existing one, changed or not. */
  created: boolean;
}

const sameBody = (a: AreaBody, b: AreaBody) =>
  a.name === b.name &&
  a.population === b.population &&
  (a.households ?? null) === (b.households ?? null) &&
  a.serviceArea.description === b.serviceArea.description &&
  (a.serviceArea.areaKm2 ?? null) === (b.serviceArea.areaKm2 ?? null);

/**
 * Registers `code` with `body`, or changes the unit to it: revision 1 and `…registered` when new; the
 * next revision and `…updated` when the body differs; no event and the same revision when it does not,
 * so a repeated PUT publishes nothing.
 */
export function applyAreaChange(
  level: AreaLevel,
  code: string,
  body: AreaBody,
  current: AdministrativeArea | null,
): AreaChange {
  const normalized: AreaBody = {
    name: body.name,
    population: body.population,
    serviceArea: body.serviceArea,
    ...(level === 'community' && body.households !== undefined ? { households: body.households } : {}),
  };
  if (current && sameBody(current, normalized)) return { state: current, events: [], created: false };
  const revision = (current?.revision ?? 0) + 1;
  const state: AdministrativeArea = { code, level, parentCode: parentCodeOf(code), revision, ...normalized };
  const verb = current ? 'updated' : 'registered';
  return { state, events: [areaEvent(state, verb)], created: current === null };
}

/** The unit as its event carries it: its own code and every code above it. */
export function areaEventData(area: AdministrativeArea): Record<string, unknown> {
  const { code, name, population, serviceArea, revision, households } = area;
  const lineage: Record<string, string> = { [codeFieldOf(area.level)]: code };
  for (let parent = area.parentCode, level = parentLevelOf(area.level); parent && level;) {
    lineage[codeFieldOf(level)] = parent;
    parent = parentCodeOf(parent);
    level = parentLevelOf(level);
  }
  return { ...lineage, name, population, ...(households === undefined ? {} : { households }), serviceArea, revision };
}

function areaEvent(area: AdministrativeArea, verb: 'registered' | 'updated'): AreaEvent {
  const type = `sanshe.community.${area.level}.${verb}.v1` as EventType;
  return {
    type,
    subject: area.code,
    id: `${type}:${area.code}:${area.revision}`,
    data: areaEventData(area),
  } as AreaEvent;
}
