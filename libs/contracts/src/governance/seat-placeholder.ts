/**
 * The tokens a seat's or an arbiter's id may use for the area a decision is about (see SeatPartyId and
 * ArbiterPartyId): `community:{communityCode}` seats that community's residents' committee,
 * `portal:street-{streetCode}` makes its street office the arbiter. Governance binds them when the
 * decision opens, from its read model of the administrative hierarchy.
 */
export const COMMUNITY_PLACEHOLDER = '{communityCode}';
export const STREET_PLACEHOLDER = '{streetCode}';
export const DISTRICT_PLACEHOLDER = '{districtCode}';

export const AREA_PLACEHOLDERS = [COMMUNITY_PLACEHOLDER, STREET_PLACEHOLDER, DISTRICT_PLACEHOLDER] as const;
export type AreaPlaceholder = (typeof AREA_PLACEHOLDERS)[number];
