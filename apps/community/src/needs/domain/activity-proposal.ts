import type { NeedMatch } from './need';

/** What governance decided about a proposal; withdrawn is kept for when the catalogue carries it. */
export type ProposalResult = 'approved' | 'rejected' | 'withdrawn';

/**
 * The community's read model of an activity proposal, built from two events that arrive in any order
 * (different topics, different keys): the organization's proposal.submitted and governance's
 * decision.decided. Whichever comes first makes the row; the other fills in the rest.
 */
export interface ActivityProposal {
  proposalId: string;
  /** From proposal.submitted; null until it arrives. */
  organizationId: string | null;
  /** From either event. */
  communityCode: string | null;
  needId: string | null;
  title: string | null;
  submitted: boolean;
  /** From decision.decided; null until it arrives. */
  decisionId: string | null;
  result: ProposalResult | null;
}

export interface ProposalSubmitted {
  proposalId: string;
  organizationId: string;
  communityCode: string;
  title: string;
  needId?: string;
}

export interface ProposalDecided {
  proposalId: string;
  decisionId: string;
  communityCode: string;
  result: ProposalResult;
}

export const unknownProposal = (proposalId: string): ActivityProposal => ({
  proposalId,
  organizationId: null,
  communityCode: null,
  needId: null,
  title: null,
  submitted: false,
  decisionId: null,
  result: null,
});

export function applySubmitted(current: ActivityProposal, submitted: ProposalSubmitted): ActivityProposal {
  return {
    ...current,
    organizationId: submitted.organizationId,
    communityCode: submitted.communityCode,
    needId: submitted.needId ?? null,
    title: submitted.title,
    submitted: true,
  };
}

export function applyDecided(current: ActivityProposal, decided: ProposalDecided): ActivityProposal {
  return {
    ...current,
    communityCode: current.communityCode ?? decided.communityCode,
    decisionId: decided.decisionId,
    result: decided.result,
  };
}

/**
 * The match an approved proposal makes of its need, once both events are known; null while one is
 * missing, or when it was not approved or answers no need.
 */
export function matchOf(proposal: ActivityProposal): (NeedMatch & { needId: string }) | null {
  const { proposalId, organizationId, needId, decisionId, result } = proposal;
  if (!proposal.submitted || result !== 'approved' || !needId || !organizationId || !decisionId) return null;
  return { needId, proposalId, decisionId, organizationId };
}
