import { communityDecisionVoteCast, dataAccessRequested } from './community.events';
import { fundingDecisionVoteCast, grantAwarded } from './funding.events';
import {
  decisionDecided,
  decisionDeliberationOpened,
  decisionEscalated,
  decisionOpened,
  decisionRoundOpened,
  decisionVoteRejected,
} from './governance.events';
import { organizationDecisionVoteCast, proposalAmended, proposalSubmitted } from './organization.events';
import { portalDecisionArbitrated, portalDecisionVoteCast } from './portal.events';
import { talentDecisionVoteCast } from './talent.events';

/** Every event type Sanshe publishes or accepts. Add new ones here; AsyncAPI is generated from this list. */
export const EVENT_CATALOG = [
  // community
  dataAccessRequested,
  communityDecisionVoteCast,
  // organization
  proposalSubmitted,
  proposalAmended,
  organizationDecisionVoteCast,
  // talent
  talentDecisionVoteCast,
  // funding
  grantAwarded,
  fundingDecisionVoteCast,
  // portals (commands)
  portalDecisionVoteCast,
  portalDecisionArbitrated,
  // governance
  decisionOpened,
  decisionDeliberationOpened,
  decisionRoundOpened,
  decisionEscalated,
  decisionDecided,
  decisionVoteRejected,
] as const;

/** The vote-cast types: one per producing context and for portals, all with the DecisionVoteData schema. */
export const DECISION_VOTE_CAST_EVENTS = [
  communityDecisionVoteCast,
  organizationDecisionVoteCast,
  talentDecisionVoteCast,
  fundingDecisionVoteCast,
  portalDecisionVoteCast,
] as const;
export type DecisionVoteCastType = (typeof DECISION_VOTE_CAST_EVENTS)[number]['type'];

export {
  communityDecisionVoteCast,
  dataAccessRequested,
  decisionDecided,
  decisionDeliberationOpened,
  decisionEscalated,
  decisionOpened,
  decisionRoundOpened,
  decisionVoteRejected,
  fundingDecisionVoteCast,
  grantAwarded,
  organizationDecisionVoteCast,
  portalDecisionArbitrated,
  portalDecisionVoteCast,
  proposalAmended,
  proposalSubmitted,
  talentDecisionVoteCast,
};
export {
  DecisionId,
  DecisionKind,
  DecisionRound,
  DecisionTally,
  DecisionVoteData,
  ObjectionReason,
  PendingVote,
  VoteChoice,
  type VotingContext,
} from './decision';
