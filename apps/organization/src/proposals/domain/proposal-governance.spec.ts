import { contentOf, type Proposal, PROPOSAL_STATUSES, type ProposalStatus } from './proposal';
import { applyGovernance, decisionSeqOf, type GovernanceFact } from './proposal-governance';
import { applyAmend, applyWithdraw } from './proposal-requests';
import { AT, COMPLETE, DECISION, proposalIn } from './proposal.fixtures';

const REFUSED_AMENDMENT = 'sanshe.organization.proposal.amended.v1:prop-1:2';

/** One of each governance fact, newer than the fixtures' audit seq 3. */
const FACTS: Record<string, GovernanceFact> = {
  opened: { type: 'opened', decisionId: DECISION, seq: 4, round: 1 },
  'round-opened': { type: 'round-opened', decisionId: DECISION, seq: 4, round: 2, revisionText: 'nothing sent' },
  'deliberation-opened': { type: 'deliberation-opened', decisionId: DECISION, seq: 4, round: 1 },
  escalated: { type: 'escalated', decisionId: DECISION, seq: 4 },
  'decided approved': { type: 'decided', decisionId: DECISION, result: 'approved' },
  'decided rejected': { type: 'decided', decisionId: DECISION, result: 'rejected' },
  'decided withdrawn': { type: 'decided', decisionId: DECISION, result: 'withdrawn' },
  'filing-noticed': { type: 'filing-noticed', decisionId: DECISION, callInUntil: '2026-11-23T08:00:00.000Z' },
  'called-in': { type: 'called-in', decisionId: DECISION, cause: 'parties', calledInBy: ['community:x', 'talent:y'] },
  refused: { type: 'refused', rejectedEventId: REFUSED_AMENDMENT, code: 'amendment-limit', reason: 'limit 2' },
};

type Outcome = [status: ProposalStatus | 'same', effect: string, facts: string[]];
const TERMINAL: Outcome = ['same', 'terminal', []];

/** For a proposal under a decision (submitted, under-review, deliberation, escalated). */
const UNDER_DECISION: Record<string, Outcome> = {
  opened: ['under-review', 'applied', []],
  'round-opened': ['under-review', 'applied', []],
  'deliberation-opened': ['deliberation', 'applied', []],
  escalated: ['escalated', 'applied', []],
  'decided approved': ['approved', 'applied', ['activity.schedule']],
  'decided rejected': ['rejected', 'applied', []],
  'decided withdrawn': ['withdrawn', 'applied', []],
  'filing-noticed': ['same', 'applied', []],
  'called-in': ['same', 'applied', []],
  refused: ['same', 'unmatched', []],
};

const EXPECTED: Record<ProposalStatus, Record<string, Outcome>> = {
  draft: { ...mapAll(['same', 'not-proposed', []]), refused: ['same', 'unmatched', []] },
  submitted: UNDER_DECISION,
  'under-review': UNDER_DECISION,
  deliberation: UNDER_DECISION,
  escalated: UNDER_DECISION,
  filed: {
    opened: ['under-review', 'applied', ['activity.pause']],
    'round-opened': ['under-review', 'applied', ['activity.pause']],
    'deliberation-opened': ['deliberation', 'applied', ['activity.pause']],
    escalated: ['escalated', 'applied', ['activity.pause']],
    'decided approved': ['approved', 'applied', ['activity.resume']],
    'decided rejected': ['rejected', 'applied', ['activity.cancel']],
    'decided withdrawn': ['withdrawn', 'applied', ['activity.cancel']],
    'filing-noticed': ['same', 'applied', []],
    'called-in': ['under-review', 'applied', ['activity.pause']],
    refused: ['same', 'unmatched', []],
  },
  approved: { ...mapAll(TERMINAL), refused: ['same', 'unmatched', []] },
  rejected: { ...mapAll(TERMINAL), refused: ['same', 'unmatched', []] },
  withdrawn: { ...mapAll(TERMINAL), refused: ['same', 'unmatched', []] },
  discarded: { ...mapAll(TERMINAL), refused: ['same', 'unmatched', []] },
};

function mapAll(outcome: Outcome): Record<string, Outcome> {
  return Object.fromEntries(Object.keys(FACTS).map((name) => [name, outcome]));
}

describe('proposal status from governance: every status × fact', () => {
  const cells = PROPOSAL_STATUSES.flatMap((status) => Object.keys(FACTS).map((fact) => [status, fact] as const));

  it.each(cells)('%s × %s', (status, name) => {
    const proposal = proposalIn(status);
    const [expectedStatus, effect, facts] = EXPECTED[status][name]!;
    const step = applyGovernance(proposal, FACTS[name]!);
    expect(step.effect).toBe(effect);
    expect(step.state.status).toBe(expectedStatus === 'same' ? status : expectedStatus);
    expect(step.facts.map((f) => f.type)).toEqual(facts);
    if (effect !== 'applied') expect(step.state).toEqual(proposal);
  });
});

describe('ordering by audit seq', () => {
  const underReview = proposalIn('under-review'); // last applied seq 3

  it('an older or repeated event changes nothing', () => {
    for (const seq of [2, 3]) {
      const step = applyGovernance(underReview, { type: 'deliberation-opened', decisionId: DECISION, seq, round: 1 });
      expect(step).toEqual({ state: underReview, facts: [], effect: 'stale' });
    }
  });

  it('a newer one moves the status and records its seq and stage', () => {
    const step = applyGovernance(underReview, { type: 'escalated', decisionId: DECISION, seq: 9 });
    expect(step.state).toMatchObject({
      status: 'escalated',
      lastSeq: 9,
      decision: { decisionId: DECISION, stage: 'escalated', round: 1 },
    });
  });

  it('decided before opened: approved, scheduled once; the late opened and a repeated decided change nothing', () => {
    const decided = applyGovernance(proposalIn('submitted'), FACTS['decided approved']!);
    expect(decided.state).toMatchObject({ status: 'approved', result: 'approved' });
    expect(decided.facts).toEqual([
      expect.objectContaining({ type: 'activity.schedule', basis: 'approved', sessions: expect.any(Array) }),
    ]);
    const late = applyGovernance(decided.state, { type: 'opened', decisionId: DECISION, seq: 1, round: 1 });
    expect(late).toEqual({ state: decided.state, facts: [], effect: 'terminal' });
    expect(applyGovernance(decided.state, FACTS['decided approved']!).facts).toEqual([]);
  });

  it('decisionSeqOf reads the audit seq from the event id', () => {
    expect(decisionSeqOf('decision/activity-proposal/prop-1/7')).toBe(7);
    expect(decisionSeqOf('decision/activity-proposal/prop-1/outcome')).toBe(0);
  });
});

describe('amendments and withdrawals answered by governance', () => {
  const amend = (proposal: Proposal, revisionText: string, expectedParticipants: number) =>
    applyAmend(proposal, { revisionText, changes: { expectedParticipants }, createdBy: 'u', at: AT }).state;

  it('round-opened accepts the earliest sent amendment with its text, with its round', () => {
    const twice = amend(amend(proposalIn('deliberation'), '改为社区食堂', 40), '增加志愿者', 50);
    const step = applyGovernance(twice, {
      ...{ type: 'round-opened', decisionId: DECISION, seq: 5, round: 2 },
      revisionText: '增加志愿者',
    });
    expect(step.state.status).toBe('under-review');
    expect(step.state.decision).toMatchObject({ stage: 'voting', round: 2 });
    expect(step.state.revisions.map((r) => [r.revisionNo, r.status, r.round])).toEqual([
      [1, 'sent', null],
      [2, 'sent', null],
      [3, 'accepted', 2],
    ]);
  });

  it('a late round-opened still marks its amendment accepted, but the status stays', () => {
    const amended = { ...amend(proposalIn('deliberation'), '改为社区食堂', 40), lastSeq: 8 };
    const step = applyGovernance(amended, {
      ...{ type: 'round-opened', decisionId: DECISION, seq: 5, round: 2 },
      revisionText: '改为社区食堂',
    });
    expect(step.effect).toBe('stale');
    expect(step.state.status).toBe('deliberation');
    expect(step.state.revisions[1]).toMatchObject({ status: 'accepted', round: 2 });
  });

  it('a refused amendment shows the code and reason, and the content in force falls back', () => {
    const amended = amend(proposalIn('under-review'), '人数调整', 40);
    const step = applyGovernance(amended, FACTS.refused!);
    expect(step.effect).toBe('applied');
    expect(step.state.status).toBe('under-review');
    expect(step.state.revisions[1]).toMatchObject({
      status: 'refused',
      refusal: { code: 'amendment-limit', reason: 'limit 2' },
    });
    expect(contentOf(step.state)).toEqual(COMPLETE);
  });

  it('a refusal is shown even after the decision', () => {
    const amended = { ...amend(proposalIn('deliberation'), '人数调整', 40), status: 'approved' as const };
    expect(applyGovernance(amended, FACTS.refused!).state.revisions[1]!.status).toBe('refused');
  });

  it('a refused withdrawal is shown on it; the status stays', () => {
    const { state } = applyWithdraw(proposalIn('deliberation'), { code: 'changed-plan', text: '计划变更' }, AT);
    const step = applyGovernance(state, {
      ...{ type: 'refused', rejectedEventId: state.withdrawal!.eventId },
      ...{ code: 'decision-closed', reason: 'already decided' },
    });
    expect(step.state.status).toBe('deliberation');
    expect(step.state.withdrawal!.refusal).toEqual({ code: 'decision-closed', reason: 'already decided' });
  });

  it('decided withdrawn after a request closes the proposal as withdrawn', () => {
    const { state } = applyWithdraw(proposalIn('escalated'), { code: 'changed-plan', text: '计划变更' }, AT);
    const step = applyGovernance(state, FACTS['decided withdrawn']!);
    expect(step.state).toMatchObject({ status: 'withdrawn', result: 'withdrawn' });
    expect(step.facts).toEqual([]);
  });
});

describe('a filed proposal called in', () => {
  it('goes under review, paused; approved resumes it, rejected cancels it', () => {
    const calledIn = applyGovernance(proposalIn('filed'), FACTS['called-in']!);
    expect(calledIn.state).toMatchObject({ status: 'under-review', calledIn: { cause: 'parties' } });
    expect(calledIn.facts).toEqual([expect.objectContaining({ type: 'activity.pause', decisionId: DECISION })]);
    const opened = applyGovernance(calledIn.state, FACTS.opened!);
    expect(opened.facts).toEqual([]); // paused once
    expect(applyGovernance(opened.state, FACTS['decided approved']!).facts.map((f) => f.type)).toEqual([
      'activity.resume',
    ]);
    expect(applyGovernance(opened.state, FACTS['decided rejected']!).facts).toEqual([
      expect.objectContaining({ type: 'activity.cancel', reason: 'called-in-rejected' }),
    ]);
  });

  it('a repeated called-in changes nothing; filing-noticed records the window', () => {
    const calledIn = applyGovernance(proposalIn('filed'), FACTS['called-in']!).state;
    expect(applyGovernance(calledIn, FACTS['called-in']!)).toEqual({ state: calledIn, facts: [], effect: 'stale' });
    const noticed = applyGovernance(proposalIn('filed'), FACTS['filing-noticed']!);
    expect(noticed.state.callInUntil).toBe('2026-11-23T08:00:00.000Z');
  });
});
