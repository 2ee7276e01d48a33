import {
  communityRegistered,
  communityUpdated,
  districtRegistered,
  districtUpdated,
  streetRegistered,
  streetUpdated,
} from './community-areas.events';
import { evaluationRecorded, ratingUpdated } from './community-evaluation.events';
import { communityHoursConfirmed, communityHoursDisputed } from './community-hours.events';
import { needClosed, needMatched, needPublished } from './community-needs.events';
import { bookingCancelled, bookingConfirmed, venueRegistered, venueUpdated } from './community-venues.events';
import { dataAccessGranted, dataAccessRefused, dataAccessRequested } from './community-data-access.events';
import {
  communityDecisionVoteCast,
  communityFilingCallInRequested,
  representativeAppointed,
  representativeRemoved,
} from './community.events';
import { fundingDecisionVoteCast, fundingFilingCallInRequested } from './funding.events';
import { FUNDING_EVENTS } from './funding-catalog';
import {
  decisionDecided,
  decisionDeliberationOpened,
  decisionEscalated,
  decisionOpened,
  decisionRoundOpened,
  decisionVoteRejected,
} from './governance.events';
import { filingCalledIn, filingNoticed, filingWithdrawn } from './governance-filing.events';
import { DISBURSEMENT_EVENTS } from './governance-disbursement.events';
import { DISBURSEMENT_REQUEST_EVENTS } from './disbursement-requests.events';
import { hoursUpdateRejected } from './governance-hours.events';
import { PORTAL_REGISTRY_EVENTS } from './governance-portal.events';
import {
  organizationDecisionVoteCast,
  organizationFilingCallInRequested,
  proposalAmended,
  proposalFiled,
  proposalSubmitted,
  proposalWithdrawn,
} from './organization.events';
import {
  activityCancelled,
  activityCompleted,
  activityPaused,
  activityResumed,
  activityScheduled,
  activityStarted,
} from './organization-activity.events';
import { organizationRegistered, organizationUpdated } from './organization-registry.events';
import {
  portalDecisionArbitrated,
  portalDecisionVoteCast,
  portalFilingCallInRequested,
  portalPaymentConfirmed,
} from './portal.events';
import { PORTAL_COMMAND_EVENTS } from './portal-commands.events';
import { PORTAL_REPLY_EVENTS } from './portal-replies.events';
import {
  assignmentMade,
  assignmentReleased,
  talentDecisionVoteCast,
  talentFilingCallInRequested,
  workerRegistered,
  workerUpdated,
} from './talent.events';
import { hoursConfirmed, hoursRecorded, hoursRejected } from './talent-hours.events';
import {
  certificateExpiring,
  educationShortfallDetected,
  recognitionAwarded,
  trainingCompleted,
  workforceRiskCleared,
  workforceRiskDetected,
} from './talent-workforce.events';

/** Every event type Sanshe publishes or accepts. Add new ones here; AsyncAPI is generated from this list. */
export const EVENT_CATALOG = [
  // community
  dataAccessRequested,
  dataAccessGranted,
  dataAccessRefused,
  communityDecisionVoteCast,
  communityFilingCallInRequested,
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
  communityHoursConfirmed,
  communityHoursDisputed,
  // organization
  organizationRegistered,
  organizationUpdated,
  proposalSubmitted,
  proposalAmended,
  proposalFiled,
  proposalWithdrawn,
  organizationDecisionVoteCast,
  organizationFilingCallInRequested,
  activityScheduled,
  activityStarted,
  activityPaused,
  activityResumed,
  activityCancelled,
  activityCompleted,
  // talent
  workerRegistered,
  workerUpdated,
  talentDecisionVoteCast,
  talentFilingCallInRequested,
  hoursRecorded,
  hoursConfirmed,
  hoursRejected,
  trainingCompleted,
  educationShortfallDetected,
  certificateExpiring,
  assignmentMade,
  assignmentReleased,
  recognitionAwarded,
  workforceRiskDetected,
  workforceRiskCleared,
  // funding
  ...FUNDING_EVENTS,
  // portals (commands)
  portalDecisionVoteCast,
  portalDecisionArbitrated,
  portalFilingCallInRequested,
  portalPaymentConfirmed,
  ...PORTAL_COMMAND_EVENTS,
  // what the parties ask of a grant's disbursement (community, organization, talent, funding, portals)
  ...DISBURSEMENT_REQUEST_EVENTS,
  // governance
  decisionOpened,
  decisionDeliberationOpened,
  decisionRoundOpened,
  decisionEscalated,
  decisionDecided,
  decisionVoteRejected,
  filingNoticed,
  filingCalledIn,
  filingWithdrawn,
  hoursUpdateRejected,
  ...DISBURSEMENT_EVENTS,
  // replies to portals' commands, each on its portal's replies topic (governance's and funding's)
  ...PORTAL_REPLY_EVENTS,
  ...PORTAL_REGISTRY_EVENTS,
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

/** The call-in types: one per producing context and for portals, all with the DecisionCallInData schema. */
export const DECISION_CALL_IN_EVENTS = [
  communityFilingCallInRequested,
  organizationFilingCallInRequested,
  talentFilingCallInRequested,
  fundingFilingCallInRequested,
  portalFilingCallInRequested,
] as const;
export type DecisionCallInType = (typeof DECISION_CALL_IN_EVENTS)[number]['type'];

export {
  activityCancelled,
  activityCompleted,
  activityPaused,
  activityResumed,
  activityScheduled,
  activityStarted,
  assignmentMade,
  assignmentReleased,
  bookingCancelled,
  bookingConfirmed,
  certificateExpiring,
  communityDecisionVoteCast,
  communityFilingCallInRequested,
  communityHoursConfirmed,
  communityHoursDisputed,
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
  educationShortfallDetected,
  evaluationRecorded,
  filingCalledIn,
  filingNoticed,
  filingWithdrawn,
  fundingDecisionVoteCast,
  fundingFilingCallInRequested,
  hoursConfirmed,
  hoursRecorded,
  hoursRejected,
  hoursUpdateRejected,
  needClosed,
  needMatched,
  needPublished,
  organizationDecisionVoteCast,
  organizationFilingCallInRequested,
  organizationRegistered,
  organizationUpdated,
  portalDecisionArbitrated,
  portalDecisionVoteCast,
  portalFilingCallInRequested,
  portalPaymentConfirmed,
  proposalAmended,
  proposalFiled,
  proposalSubmitted,
  proposalWithdrawn,
  ratingUpdated,
  recognitionAwarded,
  representativeAppointed,
  representativeRemoved,
  streetRegistered,
  streetUpdated,
  talentDecisionVoteCast,
  talentFilingCallInRequested,
  trainingCompleted,
  venueRegistered,
  venueUpdated,
  workerRegistered,
  workerUpdated,
  workforceRiskCleared,
  workforceRiskDetected,
};
export {
  DecisionCallInData,
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
  literalUnion,
  MoneyFen,
  NeedCategory,
  ProposalContent,
  ProposalSchedule,
  RecognitionCode,
  ResidentPseudonym,
  Revision,
  Score,
  ServiceArea,
  Sha256,
  SkillCode,
  SocialWorkerLevel,
  StaffingPlan,
  StaffRole,
  StreetCode,
  StrictCommunityCode,
  TimeZoneName,
} from './common';
export type { CommunityData, DistrictData, StreetData } from './community-areas.events';
export type { OrganizationData } from './organization-registry.events';
export * from './funding-catalog';
export { OpeningHours } from './community-venues.events';
export * from './governance-disbursement.events';
export * from './disbursement-requests.events';
export * from './portal-commands.events';
export * from './portal-replies.events';
export * from './governance-portal.events';
