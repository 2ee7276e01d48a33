import {
  type FieldProblem,
  type FilingRule,
  lowRiskViolations,
  type ProposalContent as ContractContent,
} from '@sanshe/contracts';
import {
  CommunityNotServed,
  InvalidTransition,
  NotLowRisk,
  OrganizationNotRegistered,
  ProposalInputInvalid,
} from './proposal-errors';
import { expandSchedule, type PlannedSession } from './schedule';

export const PROPOSAL_STATUSES = [
  'draft',
  'submitted',
  'filed',
  'under-review',
  'deliberation',
  'escalated',
  'approved',
  'rejected',
  'withdrawn',
  'discarded',
] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export const PROPOSAL_COMMANDS = ['edit', 'discard', 'submit', 'file', 'amend', 'withdraw'] as const;
export type ProposalCommand = (typeof PROPOSAL_COMMANDS)[number];

/**
 * What the organization may do in each status. Everything after submit or file is governance's to
 * move: an amendment and a withdrawal are requests it judges (a filed proposal not called in is the
 * organization's own, so its withdrawal takes effect at once).
 */
export const ALLOWED: Record<ProposalStatus, readonly ProposalCommand[]> = {
  draft: ['edit', 'discard', 'submit', 'file'],
  submitted: ['amend', 'withdraw'],
  filed: ['withdraw'],
  'under-review': ['amend', 'withdraw'],
  deliberation: ['amend', 'withdraw'],
  escalated: ['amend', 'withdraw'],
  approved: [],
  rejected: [],
  withdrawn: [],
  discarded: [],
};

export const TERMINAL: readonly ProposalStatus[] = ['approved', 'rejected', 'withdrawn', 'discarded'];

/** What a proposal says (the contract's ProposalContent); a draft may leave any of it out. */
export type ProposalContent = ContractContent;

/** What submitting and filing require, in the order the 400 names them. */
export const REQUIRED_TO_SUBMIT = [
  'title',
  'summary',
  'category',
  'schedule',
  'expectedParticipants',
  'staffingPlan',
] as const satisfies readonly (keyof ProposalContent)[];

export type RevisionStatus = 'draft' | 'sent' | 'accepted' | 'refused';

export interface Refusal {
  code: string;
  reason: string;
}

/** One version of the content: 1 is what was submitted (or filed), each amendment adds the next. */
export interface Revision {
  revisionNo: number;
  content: ProposalContent;
  /** What the amendment changed, in the organization's words; null for revision 1. */
  revisionText: string | null;
  /** The event that sent it to governance; null while a draft. */
  eventId: string | null;
  status: RevisionStatus;
  /** The voting round governance opened for it (accepted). */
  round: number | null;
  refusal: Refusal | null;
  createdBy: string;
  createdAt: string;
}

export type DecisionStage = 'voting' | 'deliberation' | 'escalated' | 'decided';
export type ProposalResult = 'approved' | 'rejected' | 'withdrawn';

export interface Withdrawal {
  reason: { code: string; text: string };
  requestedAt: string;
  eventId: string;
  /** Numbers the requests, so a new one after a refusal is a new event. */
  attempt: number;
  refusal: Refusal | null;
}

export interface Proposal {
  proposalId: string;
  organizationId: string;
  communityCode: string;
  status: ProposalStatus;
  revisions: Revision[];
  decision: { decisionId: string; stage: DecisionStage; round: number } | null;
  /** The audit seq of the last governance event applied (decided = +∞): older ones are stale. */
  lastSeq: number;
  result: ProposalResult | null;
  calledIn: { cause: string; calledInBy: string[] } | null;
  callInUntil: string | null;
  filingRuleVersion: number | null;
  withdrawal: Withdrawal | null;
  createdBy: string;
  createdAt: string;
}

/** What the registry says about the proposing organization, as far as proposing goes. */
export interface Proposer {
  status: string;
  communitiesServed: readonly string[];
}

export type ProposalFact =
  | { type: 'proposal.submitted'; proposal: Proposal; revision: Revision }
  | { type: 'proposal.filed'; proposal: Proposal; revision: Revision; filedAt: string }
  | { type: 'proposal.amended'; proposal: Proposal; revision: Revision; changes: ProposalContent }
  | { type: 'proposal.withdrawn'; proposal: Proposal; withdrawnFrom: 'decision' | 'filing' }
  | { type: 'activity.schedule'; proposal: Proposal; basis: 'approved' | 'filed'; sessions: PlannedSession[] }
  | { type: 'activity.pause'; proposal: Proposal; decisionId: string }
  | { type: 'activity.resume'; proposal: Proposal }
  | { type: 'activity.cancel'; proposal: Proposal; reason: 'called-in-rejected' | 'withdrawn' };

export interface Step {
  state: Proposal;
  facts: ProposalFact[];
}

export const PROPOSAL_SUBMITTED = 'sanshe.organization.proposal.submitted.v1';
export const PROPOSAL_FILED = 'sanshe.organization.proposal.filed.v1';
export const PROPOSAL_AMENDED = 'sanshe.organization.proposal.amended.v1';
export const PROPOSAL_WITHDRAWN = 'sanshe.organization.proposal.withdrawn.v1';

/** The revision in force: the highest one governance has not refused. */
export function currentRevision(proposal: Proposal): Revision {
  const live = proposal.revisions.filter((r) => r.status !== 'refused');
  return live.reduce((a, b) => (b.revisionNo > a.revisionNo ? b : a), proposal.revisions[0]!);
}

/** The content in force. */
export const contentOf = (proposal: Proposal): ProposalContent => currentRevision(proposal).content;

export function checkAllowed(proposal: Proposal, command: ProposalCommand): void {
  const allowed = ALLOWED[proposal.status];
  if (!allowed.includes(command)) throw new InvalidTransition(proposal.status, command, allowed);
}

/** A merge patch: a field set to null is removed, an absent one kept. */
export function mergeContent(
  content: ProposalContent,
  changes: { [K in keyof ProposalContent]?: ProposalContent[K] | null },
): ProposalContent {
  const merged: Record<string, unknown> = { ...content };
  for (const [field, value] of Object.entries(changes)) {
    if (value === null) delete merged[field];
    else if (value !== undefined) merged[field] = value;
  }
  return merged as ProposalContent;
}

export interface NewProposal {
  proposalId: string;
  organizationId: string;
  communityCode: string;
  content: ProposalContent;
  createdBy: string;
  at: string;
}

/** A new draft: the organization's own until submitted or filed, so no event. */
export function applyCreate({ proposalId, organizationId, communityCode, content, createdBy, at }: NewProposal): Step {
  const revision: Revision = {
    ...{ revisionNo: 1, content, revisionText: null, eventId: null, status: 'draft' },
    ...{ round: null, refusal: null, createdBy, createdAt: at },
  };
  const proposal: Proposal = {
    ...{ proposalId, organizationId, communityCode, status: 'draft', revisions: [revision] },
    ...{ decision: null, lastSeq: 0, result: null, calledIn: null, callInUntil: null, filingRuleVersion: null },
    ...{ withdrawal: null, createdBy, createdAt: at },
  };
  return { state: proposal, facts: [] };
}

export function applyEdit(proposal: Proposal, changes: Parameters<typeof mergeContent>[1]): Step {
  checkAllowed(proposal, 'edit');
  const [draft] = proposal.revisions;
  const revision = { ...draft!, content: mergeContent(draft!.content, changes) };
  return { state: { ...proposal, revisions: [revision] }, facts: [] };
}

export function applyDiscard(proposal: Proposal): Step {
  checkAllowed(proposal, 'discard');
  return { state: { ...proposal, status: 'discarded' }, facts: [] };
}

/** The organization may propose to this community now; else the coded error, in this order. */
function checkProposer(proposal: Proposal, proposer: Proposer): void {
  if (proposer.status !== 'registered') {
    throw new OrganizationNotRegistered(
      `organization ${proposal.organizationId} is ${proposer.status}; only a registered organization proposes`,
    );
  }
  if (!proposer.communitiesServed.includes(proposal.communityCode)) {
    throw new CommunityNotServed(
      `organization ${proposal.organizationId} does not serve community ${proposal.communityCode} ` +
        `(it serves ${proposer.communitiesServed.join(', ') || 'none'})`,
    );
  }
}

/** The sessions a complete content plans; throws ProposalInputInvalid naming each missing or broken field. */
export function checkComplete(content: ProposalContent): PlannedSession[] {
  const missing: FieldProblem[] = REQUIRED_TO_SUBMIT.filter((field) => content[field] === undefined).map((field) => ({
    path: `/${field}`,
    message: 'is required to submit or file a proposal',
  }));
  if (content.staffingPlan?.length === 0) {
    missing.push({ path: '/staffingPlan', message: 'must list at least one role' });
  }
  if (missing.length > 0) throw new ProposalInputInvalid(missing);
  return expandSchedule(content.schedule!);
}

/** The draft goes to governance for a decision: proposal.submitted carries revision 1, every field. */
export function applySubmit(proposal: Proposal, proposer: Proposer): Step {
  checkAllowed(proposal, 'submit');
  checkProposer(proposal, proposer);
  checkComplete(proposal.revisions[0]!.content);
  const revision: Revision = {
    ...proposal.revisions[0]!,
    status: 'sent',
    eventId: `${PROPOSAL_SUBMITTED}:${proposal.proposalId}`,
  };
  const state: Proposal = { ...proposal, status: 'submitted', revisions: [revision] };
  return { state, facts: [{ type: 'proposal.submitted', proposal: state, revision }] };
}

/** A low-risk draft is filed and goes ahead: proposal.filed, and its activity is scheduled at once. */
export function applyFile(proposal: Proposal, proposer: Proposer, rule: FilingRule, at: string): Step {
  checkAllowed(proposal, 'file');
  checkProposer(proposal, proposer);
  const content = proposal.revisions[0]!.content;
  const sessions = checkComplete(content);
  const violations = lowRiskViolations(content, rule);
  if (violations.length > 0) throw new NotLowRisk(violations, rule.version);
  const revision: Revision = {
    ...proposal.revisions[0]!,
    status: 'sent',
    eventId: `${PROPOSAL_FILED}:${proposal.proposalId}`,
  };
  const state: Proposal = { ...proposal, status: 'filed', revisions: [revision], filingRuleVersion: rule.version };
  return {
    state,
    facts: [
      { type: 'proposal.filed', proposal: state, revision, filedAt: at },
      { type: 'activity.schedule', proposal: state, basis: 'filed', sessions },
    ],
  };
}
