/*
 * The community's view of a governance decision that seats one of its parties (pure): where it stands,
 * which of the community's parties it waits on, and until when. Kept from governance's events only.
 */

export const DECISION_STAGES = ['voting', 'deliberation', 'escalated', 'closed'] as const;
export type DecisionStage = (typeof DECISION_STAGES)[number];

export interface CommunityDecision {
  decisionId: string;
  kind: string;
  subjectId: string;
  communityCode: string;
  title: string;
  stage: DecisionStage;
  round: number;
  result: string | null;
}

export interface DecisionSeat {
  partyId: string;
  round: number;
  deadline: string;
}

/** The party kinds the community service votes for: its committee and its residents' representatives. */
const COMMUNITY_PARTY = /^(community|residents):[0-9]{6}-[0-9]{3}-[0-9]{3}$/;

export const isCommunityParty = (partyId: string) => COMMUNITY_PARTY.test(partyId);

/** The community's seats among a round's pending parties (others are some other service's or portal's). */
export const communitySeats = (
  pending: readonly { partyId: string; deadline: string }[],
  round: number,
): DecisionSeat[] =>
  pending.filter((p) => isCommunityParty(p.partyId)).map(({ partyId, deadline }) => ({ partyId, round, deadline }));

/** The stage a governance event moves a decision to; a closed decision stays closed. */
export function nextStage(
  current: DecisionStage,
  event: 'round-opened' | 'deliberation-opened' | 'escalated' | 'decided',
): DecisionStage {
  if (current === 'closed') return 'closed';
  switch (event) {
    case 'round-opened':
      return 'voting';
    case 'deliberation-opened':
      return 'deliberation';
    case 'escalated':
      return 'escalated';
    case 'decided':
      return 'closed';
  }
}
