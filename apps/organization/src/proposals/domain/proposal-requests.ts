import {
  ALLOWED,
  applyDiscard,
  checkAllowed,
  checkComplete,
  contentOf,
  mergeContent,
  type Proposal,
  PROPOSAL_AMENDED,
  PROPOSAL_WITHDRAWN,
  type ProposalContent,
  type Revision,
  type Step,
} from './proposal';

/*
 * What the organization asks of governance once a proposal is in its hands: an amendment and a
 * withdrawal. Both are requests: the status moves only when governance answers (round-opened,
 * decided withdrawn), and a refusal comes back as decision.vote-rejected naming the request's event.
 */

/** Only the fields whose value differs from the content in force: what the amended event carries. */
export function changedFields(current: ProposalContent, changes: ProposalContent): ProposalContent {
  const changed: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    const before = current[field as keyof ProposalContent];
    if (JSON.stringify(before) !== JSON.stringify(value)) changed[field] = value;
  }
  return changed as ProposalContent;
}

export interface Amendment {
  /** What changed and why, for the other parties (the decision's round-opened repeats it). */
  revisionText: string;
  changes: ProposalContent;
  createdBy: string;
  at: string;
}

/**
 * A new revision, sent: proposal.amended carries its text and only the changed fields. The content in
 * force becomes it unless governance refuses it (no-deliberation, amendment-limit: shown on it).
 */
export function applyAmend(proposal: Proposal, { revisionText, changes, createdBy, at }: Amendment): Step {
  checkAllowed(proposal, 'amend');
  const current = contentOf(proposal);
  const changed = changedFields(current, changes);
  const content = mergeContent(current, changed);
  checkComplete(content);
  const revisionNo = Math.max(...proposal.revisions.map((r) => r.revisionNo)) + 1;
  const revision: Revision = {
    ...{ revisionNo, content, revisionText, status: 'sent', round: null, refusal: null, createdBy, createdAt: at },
    eventId: `${PROPOSAL_AMENDED}:${proposal.proposalId}:${revisionNo}`,
  };
  const state: Proposal = { ...proposal, revisions: [...proposal.revisions, revision] };
  return { state, facts: [{ type: 'proposal.amended', proposal: state, revision, changes: changed }] };
}

/**
 * Withdraws the proposal. A filed one not called in is the organization's own: withdrawn at once, its
 * activity cancelled. Otherwise it is a request to governance, which closes the decision as withdrawn
 * (the status follows decided); asking again while a request is pending changes nothing, and asking
 * after a refusal is a new request (a new event id).
 */
export function applyWithdraw(proposal: Proposal, reason: { code: string; text: string }, at: string): Step {
  checkAllowed(proposal, 'withdraw');
  const previous = proposal.withdrawal;
  if (previous && !previous.refusal) return { state: proposal, facts: [] };
  const attempt = (previous?.attempt ?? 0) + 1;
  const withdrawal = {
    ...{ reason, requestedAt: at, attempt, refusal: null },
    eventId: `${PROPOSAL_WITHDRAWN}:${proposal.proposalId}:${attempt}`,
  };
  if (proposal.status === 'filed') {
    const state: Proposal = { ...proposal, status: 'withdrawn', result: 'withdrawn', withdrawal };
    return {
      state,
      facts: [
        { type: 'proposal.withdrawn', proposal: state, withdrawnFrom: 'filing' },
        { type: 'activity.cancel', proposal: state, reason: 'withdrawn' },
      ],
    };
  }
  const state: Proposal = { ...proposal, withdrawal };
  return { state, facts: [{ type: 'proposal.withdrawn', proposal: state, withdrawnFrom: 'decision' }] };
}

/** The withdrawal reason's code when the registrar deregisters the proposing organization. */
export const DEREGISTERED_CODE = 'organization-deregistered';

/** The statuses a deregistration ends: a draft is discarded, the rest withdrawn. */
export const ENDED_BY_DEREGISTRATION = [
  'draft',
  'submitted',
  'filed',
  'under-review',
  'deliberation',
  'escalated',
] as const;

/**
 * The organization was deregistered: a draft is discarded, and anything in governance's hands is
 * withdrawn as the organization's own withdrawal would be (applyWithdraw: from the decision, or from a
 * filing not called in at once), with the registrar's reason. A decided proposal stays as it is.
 */
export function applyDeregistration(proposal: Proposal, registrarReason: string, at: string): Step {
  if (proposal.status === 'draft') return applyDiscard(proposal);
  if (!ALLOWED[proposal.status].includes('withdraw')) return { state: proposal, facts: [] };
  const text = `the registrar deregistered organization ${proposal.organizationId}: ${registrarReason}`;
  return applyWithdraw(proposal, { code: DEREGISTERED_CODE, text }, at);
}
