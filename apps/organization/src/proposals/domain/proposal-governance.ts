import {
  checkComplete,
  contentOf,
  type DecisionStage,
  type Proposal,
  type ProposalFact,
  type ProposalResult,
  type ProposalStatus,
  TERMINAL,
} from './proposal';

/*
 * The proposal's status follows governance's events only, in whatever order they arrive: each carries
 * its position in the decision's audit trail (`<decisionId>/<seq>`), an older or repeated one changes
 * nothing, and decided (the outcome) is final.
 */

/** A governance event about this proposal, as the subscriber maps it. */
export type GovernanceFact =
  | { type: 'opened'; decisionId: string; seq: number; round: number }
  | { type: 'round-opened'; decisionId: string; seq: number; round: number; revisionText: string }
  | { type: 'deliberation-opened'; decisionId: string; seq: number; round: number }
  | { type: 'escalated'; decisionId: string; seq: number }
  | { type: 'decided'; decisionId: string; result: ProposalResult }
  | { type: 'filing-noticed'; decisionId: string; callInUntil: string }
  | { type: 'called-in'; decisionId: string; cause: string; calledInBy: string[] }
  | { type: 'refused'; rejectedEventId: string; code: string; reason: string };

/**
 * What a fact did: `applied`, or why it changed nothing — `stale` (older or repeated), `terminal` (the
 * proposal is decided or discarded), `not-proposed` (a draft: governance cannot know it), `unmatched`
 * (a refusal of nothing this proposal sent).
 */
export type GovernanceEffect = 'applied' | 'stale' | 'terminal' | 'not-proposed' | 'unmatched';

export interface GovernanceStep {
  state: Proposal;
  facts: ProposalFact[];
  effect: GovernanceEffect;
}

/** The position of a decision event in its audit trail, from its id `<decisionId>/<seq>`; 0 for another shape. */
export function decisionSeqOf(eventId: string): number {
  const seq = /\/(\d+)$/.exec(eventId)?.[1];
  return seq === undefined ? 0 : Number(seq);
}

const STATUS_OF = {
  opened: 'under-review',
  'round-opened': 'under-review',
  'deliberation-opened': 'deliberation',
  escalated: 'escalated',
} as const satisfies Record<string, ProposalStatus>;
const STAGE_OF = {
  opened: 'voting',
  'round-opened': 'voting',
  'deliberation-opened': 'deliberation',
  escalated: 'escalated',
} as const satisfies Record<string, DecisionStage>;

const unchanged = (state: Proposal, effect: GovernanceEffect): GovernanceStep => ({ state, facts: [], effect });

/** A refused amendment or withdrawal shows governance's code and reason; anything else is not this proposal's. */
function applyRefusal(proposal: Proposal, fact: Extract<GovernanceFact, { type: 'refused' }>): GovernanceStep {
  const refusal = { code: fact.code, reason: fact.reason };
  const index = proposal.revisions.findIndex((r) => r.eventId === fact.rejectedEventId && r.revisionNo > 1);
  if (index >= 0) {
    const revisions = proposal.revisions.map((r, i) =>
      i === index ? { ...r, status: 'refused' as const, refusal } : r,
    );
    return { state: { ...proposal, revisions }, facts: [], effect: 'applied' };
  }
  if (proposal.withdrawal?.eventId === fact.rejectedEventId) {
    return { state: { ...proposal, withdrawal: { ...proposal.withdrawal, refusal } }, facts: [], effect: 'applied' };
  }
  return unchanged(proposal, 'unmatched');
}

/** The earliest sent amendment whose text governance repeats is the one its new round votes on. */
function acceptRevision(proposal: Proposal, text: string, round: number): Proposal {
  const match = proposal.revisions.find((r) => r.status === 'sent' && r.revisionNo > 1 && r.revisionText === text);
  if (!match) return proposal;
  const revisions = proposal.revisions.map((r) => (r === match ? { ...r, status: 'accepted' as const, round } : r));
  return { ...proposal, revisions };
}

/** The activity a decided outcome calls for: a filed proposal's exists already (paused once called in). */
function outcomeFacts(state: Proposal, result: ProposalResult): ProposalFact[] {
  const filed = state.filingRuleVersion !== null;
  if (result === 'approved') {
    if (filed) return [{ type: 'activity.resume', proposal: state }];
    return [
      { type: 'activity.schedule', proposal: state, basis: 'approved', sessions: checkComplete(contentOf(state)) },
    ];
  }
  if (!filed) return [];
  return [
    { type: 'activity.cancel', proposal: state, reason: result === 'rejected' ? 'called-in-rejected' : 'withdrawn' },
  ];
}

function applyDecided(proposal: Proposal, fact: Extract<GovernanceFact, { type: 'decided' }>): GovernanceStep {
  const round = proposal.decision?.round ?? 1;
  const state: Proposal = {
    ...proposal,
    status: fact.result,
    result: fact.result,
    decision: { decisionId: fact.decisionId, stage: 'decided', round },
  };
  return { state, facts: outcomeFacts(state, fact.result), effect: 'applied' };
}

/** A filed proposal called in goes under review and its activity pauses until the decision. */
function applyCalledIn(proposal: Proposal, fact: Extract<GovernanceFact, { type: 'called-in' }>): GovernanceStep {
  if (proposal.calledIn) return unchanged(proposal, 'stale');
  const calledIn = { cause: fact.cause, calledInBy: fact.calledInBy };
  if (proposal.status !== 'filed') return { state: { ...proposal, calledIn }, facts: [], effect: 'applied' };
  const state: Proposal = { ...proposal, status: 'under-review', calledIn };
  return {
    state,
    facts: [{ type: 'activity.pause', proposal: state, decisionId: fact.decisionId }],
    effect: 'applied',
  };
}

type Staged = Extract<GovernanceFact, { type: keyof typeof STATUS_OF }>;

function applyStaged(proposal: Proposal, fact: Staged): GovernanceStep {
  if (fact.seq <= proposal.lastSeq) return unchanged(proposal, 'stale');
  const round = 'round' in fact ? fact.round : (proposal.decision?.round ?? 1);
  const state: Proposal = {
    ...proposal,
    status: STATUS_OF[fact.type],
    decision: { decisionId: fact.decisionId, stage: STAGE_OF[fact.type], round },
    lastSeq: fact.seq,
  };
  // A decision on a filed proposal means it was called in, even if filing.called-in is still on its way.
  const pause =
    proposal.status === 'filed'
      ? [{ type: 'activity.pause' as const, proposal: state, decisionId: fact.decisionId }]
      : [];
  return { state, facts: pause, effect: 'applied' };
}

/**
 * Applies one of governance's events to the proposal. A round-opened marks its amendment accepted
 * even when late (that is a fact about the revision, not the status); a refusal is shown whatever the
 * status. Everything else leaves a draft, a decided or a discarded proposal as it is.
 */
export function applyGovernance(proposal: Proposal, fact: GovernanceFact): GovernanceStep {
  if (fact.type === 'refused') return applyRefusal(proposal, fact);
  const accepted = fact.type === 'round-opened' ? acceptRevision(proposal, fact.revisionText, fact.round) : proposal;
  if (proposal.status === 'draft') return unchanged(proposal, 'not-proposed');
  if (TERMINAL.includes(proposal.status)) return unchanged(accepted, 'terminal');
  switch (fact.type) {
    case 'decided':
      return applyDecided(proposal, fact);
    case 'called-in':
      return applyCalledIn(proposal, fact);
    case 'filing-noticed':
      return { state: { ...proposal, callInUntil: fact.callInUntil }, facts: [], effect: 'applied' };
    case 'opened':
    case 'round-opened':
    case 'deliberation-opened':
    case 'escalated': {
      const step = applyStaged(accepted, fact);
      return step.effect === 'stale' ? unchanged(accepted, 'stale') : step;
    }
  }
}
