import {
  communityRegistered,
  communityUpdated,
  districtRegistered,
  districtUpdated,
  streetRegistered,
  streetUpdated,
} from './community-areas.events';
import { evaluationRecorded, ratingUpdated } from './community-evaluation.events';
import { needClosed, needMatched, needPublished } from './community-needs.events';
import { bookingCancelled, bookingConfirmed, venueRegistered, venueUpdated } from './community-venues.events';
import { dataAccessGranted, dataAccessRefused, dataAccessRequested } from './community-data-access.events';
import { communityDecisionVoteCast, representativeAppointed, representativeRemoved } from './community.events';
import { fundingDecisionVoteCast, grantAwarded } from './funding.events';
import {
  decisionDecided,
  decisionDeliberationOpened,
  decisionEscalated,
  decisionOpened,
  decisionRoundOpened,
  decisionVoteRejected,
} from './governance.events';
import {
  activityCompleted,
  organizationDecisionVoteCast,
  proposalAmended,
  proposalSubmitted,
} from './organization.events';
import { portalDecisionArbitrated, portalDecisionVoteCast } from './portal.events';
import { talentDecisionVoteCast } from './talent.events';

/** Every event type Sanshe publishes or accepts. Add new ones here; AsyncAPI is generated from this list. */
export const EVENT_CATALOG = [
  // community
  dataAccessRequested,
  dataAccessGranted,
  dataAccessRefused,
  communityDecisionVoteCast,
  districtRegistered,
  districtUpdated,
  streetRegistered,
  streetUpdated,
  communityRegistered,
  communityUpdated,
  representativeAppointed,
  representativeRemoved,
  needPublished,
  needMatched,
  needClosed,
  venueRegistered,
  venueUpdated,
  bookingConfirmed,
  bookingCancelled,
  evaluationRecorded,
  ratingUpdated,
  // organization
  proposalSubmitted,
  proposalAmended,
  organizationDecisionVoteCast,
  activityCompleted,
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
  activityCompleted,
  bookingCancelled,
  bookingConfirmed,
  communityDecisionVoteCast,
  communityRegistered,
  communityUpdated,
  dataAccessGranted,
  dataAccessRefused,
  dataAccessRequested,
  decisionDecided,
  decisionDeliberationOpened,
  decisionEscalated,
  decisionOpened,
  decisionRoundOpened,
  decisionVoteRejected,
  districtRegistered,
  districtUpdated,
  evaluationRecorded,
  fundingDecisionVoteCast,
  grantAwarded,
  needClosed,
  needMatched,
  needPublished,
  organizationDecisionVoteCast,
  portalDecisionArbitrated,
  portalDecisionVoteCast,
  proposalAmended,
  proposalSubmitted,
  ratingUpdated,
  representativeAppointed,
  representativeRemoved,
  streetRegistered,
  streetUpdated,
  talentDecisionVoteCast,
  venueRegistered,
  venueUpdated,
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
export {
  CalendarDate,
  ClockTime,
  CommunityCode,
  DistrictCode,
  Id,
  Instant,
  MoneyFen,
  NeedCategory,
  ProposalContent,
  ProposalSchedule,
  ResidentPseudonym,
  Revision,
  Score,
  ServiceArea,
  Sha256,
  SocialWorkerLevel,
  StaffingPlan,
  StaffRole,
  StreetCode,
  StrictCommunityCode,
  TimeZoneName,
} from './common';
export type { CommunityData, DistrictData, StreetData } from './community-areas.events';
export { OpeningHours } from './community-venues.events';
