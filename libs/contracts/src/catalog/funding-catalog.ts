import {
  fundingDecisionVoteCast,
  fundingFilingCallInRequested,
  grantActivated,
  grantAwarded,
  grantVoided,
  tranchePaid,
} from './funding.events';
import {
  clawbackRequested,
  gapCleared,
  gapDetected,
  paymentFailed,
  paymentInstructed,
  reservationReleased,
} from './funding-payments.events';
import { applicationReceived, programOpened, programUpdated } from './funding-programs.events';

/** The funding service's event types (sanshe.funding.events), in EVENT_CATALOG's order. */
export const FUNDING_EVENTS = [
  programOpened,
  programUpdated,
  applicationReceived,
  grantAwarded,
  grantActivated,
  grantVoided,
  paymentInstructed,
  paymentFailed,
  tranchePaid,
  reservationReleased,
  clawbackRequested,
  gapDetected,
  gapCleared,
  fundingDecisionVoteCast,
  fundingFilingCallInRequested,
] as const;

export {
  applicationReceived,
  clawbackRequested,
  gapCleared,
  gapDetected,
  grantActivated,
  grantAwarded,
  grantVoided,
  paymentFailed,
  paymentInstructed,
  programOpened,
  programUpdated,
  reservationReleased,
  tranchePaid,
};
export { PaymentRailCode } from './funding-payments.events';
export {
  FunderKind,
  FunderPartyId,
  type ProgramData,
  ProgramPolicyRules,
  TranchePlan,
  TranchePlanItem,
} from './funding-programs.events';
