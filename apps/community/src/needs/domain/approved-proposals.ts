import type { ProposalResult } from './activity-proposal';

/** A proposal as venues see it, to book only for an activity governance approved. */
export interface ProposalOutcome {
  proposalId: string;
  /** null while the organization's proposal.submitted has not arrived (only the outcome has). */
  organizationId: string | null;
  communityCode: string;
  /** null while governance has not decided. */
  result: ProposalResult | null;
}

/** The activity-proposal read model as other features read it (a port and its token; NeedsModule provides it). */
export abstract class ApprovedProposals {
  /** null when neither the proposal nor its outcome was ever heard of. */
  abstract find(proposalId: string): Promise<ProposalOutcome | null>;
}
