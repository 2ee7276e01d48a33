/** The token a seat's id may use for "the community the decision is about" (see SeatPartyId). */
export const COMMUNITY_PLACEHOLDER = '{communityCode}';
