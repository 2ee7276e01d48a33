import {
  electorate,
  advance,
  amend,
  arbitrate,
  castVote,
  checkAmendment,
  checkArbitration,
  checkVote,
  type DecisionContext,
  type DecisionState,
  nextWakeAt,
  openDecision,
  pendingParties,
  type Refusal,
  tally,
  verdict,
} from '../../src/decision/domain/decision';
import { HOUR, OPENED_AT } from './arbitraries';
import {
  abstain,
  approve,
  COMMUNITY,
  DISTRICT,
  FUNDER,
  object,
  PEER,
  PROPOSER,
  RESIDENTS,
  SAFETY,
  STREET,
  streetCtx,
  TALENT,
} from './fixtures';
import { expectedOutcome } from './oracle';
import { amendAt, arbitrateAt, simulate, type TimedRequest, voteAt } from './simulate';

/** Hours after the decision opened, as a timestamp. */
const h = (hours: number) => OPENED_AT + hours * HOUR;
const ctx = streetCtx();
const codeOf = (check: Refusal | 'duplicate' | null) => (check === null || check === 'duplicate' ? check : check.code);

/** The state after the given requests, without running the clock past the last of them. */
const stateAfter = (requests: TimedRequest[], context: DecisionContext = ctx): DecisionState => {
  const until = Math.max(OPENED_AT, ...requests.map((r) => r.at));
  const run = simulate(context, OPENED_AT, requests, { until });
  expect(run.refusals).toEqual([]);
  return run.state;
};
const open = openDecision(OPENED_AT);
/** FUNDER objected at 10 h: deliberation until 82 h. */
const deliberating = () => stateAfter([voteAt(h(1), approve(COMMUNITY)), voteAt(h(10), object(FUNDER))]);
/** Everybody silent: escalated to the street at 168 h (deadline 240 h). */
const escalated = () => simulate(ctx, OPENED_AT, [], { until: h(200) }).state;
/** COMMUNITY, RESIDENTS and TALENT approved in the first hour: 5 of 8, approved at once. */
const approved = () => stateAfter([COMMUNITY, RESIDENTS, TALENT].map((p) => voteAt(h(1), approve(p))));

describe('the fixture', () => {
  it('is a valid street policy: quorum 5 of 8', () => {
    expect(tally(ctx, open)).toEqual({ approve: 0, object: 0, abstain: 0, pending: 8, total: 8, quorum: 5 });
    expect(deliberating().stage).toBe('deliberation');
    expect(escalated().stage).toBe('escalated');
    expect(approved().stage).toBe('decided');
  });
});

describe('checkVote', () => {
  it('wrong-identity: only the party itself votes, even to repeat what it already voted', () => {
    expect(codeOf(checkVote(ctx, open, { ...approve(COMMUNITY), castBy: FUNDER }, h(1)))).toBe('wrong-identity');
    const voted = stateAfter([voteAt(h(1), approve(COMMUNITY))]);
    expect(codeOf(checkVote(ctx, voted, { ...approve(COMMUNITY), castBy: FUNDER }, h(2)))).toBe('wrong-identity');
  });

  it('conflict-of-interest: the proposer cannot vote, with or without a seat; a seated proposer leaves the electorate', () => {
    expect(codeOf(checkVote(ctx, open, approve(PROPOSER), h(1)))).toBe('conflict-of-interest');
    const seated = streetCtx({}, COMMUNITY);
    expect(codeOf(checkVote(seated, open, approve(COMMUNITY), h(1)))).toBe('conflict-of-interest');
    // 8 − 2 = 6 weight left; quorum 5 of 8 scales to ⌈5 × 6 / 8⌉ = 4, within [2 + 1, 6 − 2].
    expect(tally(seated, open)).toEqual({ approve: 0, object: 0, abstain: 0, pending: 6, total: 6, quorum: 4 });
    expect(pendingParties(seated, open).map((p) => p.partyId)).not.toContain(COMMUNITY);
  });

  it('not-a-party: a stranger has no seat', () => {
    expect(codeOf(checkVote(ctx, open, approve('volunteers:xinhua-volunteers'), h(1)))).toBe('not-a-party');
  });

  it('stale-round: a vote for the round before an amendment is refused; the current or no round is accepted', () => {
    const amended = stateAfter([
      voteAt(h(10), object(FUNDER)),
      amendAt(h(20), { castBy: PROPOSER, revision: 'two volunteers' }),
    ]);
    expect(amended.round).toBe(2);
    expect(codeOf(checkVote(ctx, amended, approve(COMMUNITY, 1), h(21)))).toBe('stale-round');
    expect(codeOf(checkVote(ctx, amended, approve(COMMUNITY, 2), h(21)))).toBeNull();
    expect(codeOf(checkVote(ctx, amended, approve(COMMUNITY), h(21)))).toBeNull();
    expect(codeOf(checkVote(ctx, open, approve(COMMUNITY, 2), h(1)))).toBe('stale-round');
  });

  it('reason-required: an objection needs a reason', () => {
    expect(codeOf(checkVote(ctx, open, { partyId: FUNDER, castBy: FUNDER, choice: 'object' }, h(1)))).toBe(
      'reason-required',
    );
    expect(codeOf(checkVote(ctx, open, object(FUNDER), h(1)))).toBeNull();
  });

  it("past-deadline: a first vote at or after the party's own deadline is refused; a millisecond before is not", () => {
    expect(codeOf(checkVote(ctx, open, approve(PEER), h(24) - 1))).toBeNull();
    expect(codeOf(checkVote(ctx, open, approve(PEER), h(24)))).toBe('past-deadline');
    expect(codeOf(checkVote(ctx, open, approve(COMMUNITY), h(24)))).toBeNull();
    // Once silence has been recorded as abstaining, even "abstain" is not a duplicate of it.
    const silent = stateAfter([voteAt(h(25), approve(COMMUNITY))]);
    expect(silent.votes[PEER]).toEqual({ choice: 'abstain', at: h(24), bySilence: true });
    expect(codeOf(checkVote(ctx, silent, abstain(PEER), h(25)))).toBe('past-deadline');
  });

  it('changed-vote: outside deliberation a vote stands', () => {
    const voted = stateAfter([voteAt(h(1), approve(COMMUNITY))]);
    expect(codeOf(checkVote(ctx, voted, abstain(COMMUNITY), h(2)))).toBe('changed-vote');
    expect(codeOf(checkVote(ctx, voted, object(COMMUNITY), h(2)))).toBe('changed-vote');
  });

  it('changing a vote is allowed while an objection is deliberated, even past the voter’s own deadline', () => {
    // PEER (24 h window) approved at 1 h; FUNDER objects at 20 h: deliberation until 92 h.
    const state = stateAfter([voteAt(h(1), approve(PEER)), voteAt(h(20), object(FUNDER))]);
    expect(state.deliberationUntil).toBe(h(92));
    expect(codeOf(checkVote(ctx, state, abstain(PEER), h(30)))).toBeNull();
    const step = castVote(ctx, state, abstain(PEER), h(30));
    expect(step.facts).toEqual([{ type: 'vote-cast', partyId: PEER, choice: 'abstain', round: 1, changed: true }]);
    expect(step.state.votes[PEER]).toEqual({ choice: 'abstain', at: h(30) });
    // The objector may withdraw its objection too.
    expect(codeOf(checkVote(ctx, state, approve(FUNDER), h(30)))).toBeNull();
    // A party that never voted still has only its own deadline.
    expect(codeOf(checkVote(ctx, state, approve(COMMUNITY), h(30)))).toBeNull();
    const lapsed = stateAfter([voteAt(h(1), object(FUNDER)), voteAt(h(30), approve(COMMUNITY))]);
    expect(lapsed.votes[PEER]?.bySilence).toBe(true);
    expect(codeOf(checkVote(ctx, lapsed, approve(PEER), h(31)))).toBe('past-deadline');
  });

  it('voting-closed: once escalated, the arbiter decides', () => {
    expect(codeOf(checkVote(ctx, escalated(), approve(COMMUNITY), h(200)))).toBe('voting-closed');
  });

  it('decision-closed: after the outcome nothing new is accepted', () => {
    const state = approved();
    expect(codeOf(checkVote(ctx, state, approve(FUNDER), h(2)))).toBe('decision-closed');
    expect(codeOf(checkVote(ctx, state, abstain(COMMUNITY), h(2)))).toBe('decision-closed');
  });

  it('a repeated vote is an idempotent duplicate: no state change, no fact, even after the outcome', () => {
    const voted = stateAfter([voteAt(h(1), approve(COMMUNITY))]);
    expect(checkVote(ctx, voted, approve(COMMUNITY), h(2))).toBe('duplicate');
    expect(checkVote(ctx, voted, approve(COMMUNITY, 1), h(2))).toBe('duplicate');
    const again = castVote(ctx, voted, approve(COMMUNITY), h(2));
    expect(again.facts).toEqual([]);
    expect(again.state).toBe(voted);
    expect(checkVote(ctx, approved(), approve(COMMUNITY), h(500))).toBe('duplicate');
    // The same objection (same reason code) is a duplicate while deliberated; it does not extend the window.
    const state = deliberating();
    expect(checkVote(ctx, state, object(FUNDER), h(11))).toBe('duplicate');
    expect(castVote(ctx, state, object(FUNDER), h(11)).state.deliberationUntil).toBe(h(82));
  });
});

describe('checkAmendment', () => {
  const revision = { castBy: PROPOSER, revision: 'A second volunteer on every home visit' };

  it('not-the-proposer', () => {
    expect(checkAmendment(ctx, deliberating(), { ...revision, castBy: FUNDER })?.code).toBe('not-the-proposer');
  });

  it('no-deliberation: a proposal is amended only in answer to an objection', () => {
    expect(checkAmendment(ctx, open, revision)?.code).toBe('no-deliberation');
    expect(checkAmendment(ctx, escalated(), revision)?.code).toBe('no-deliberation');
    expect(checkAmendment(ctx, deliberating(), revision)).toBeNull();
  });

  it('decision-closed', () => {
    expect(checkAmendment(ctx, approved(), revision)?.code).toBe('decision-closed');
  });

  it('amendment-limit: the policy allows one amendment', () => {
    const state = stateAfter([
      voteAt(h(10), object(FUNDER)),
      amendAt(h(20), revision),
      voteAt(h(30), object(RESIDENTS, { code: 'budget', text: 'Still over budget.' })),
    ]);
    expect(state).toMatchObject({ stage: 'deliberation', amendments: 1, round: 2 });
    expect(checkAmendment(ctx, state, revision)?.code).toBe('amendment-limit');
    expect(checkAmendment(streetCtx({ maxAmendments: 0 }), deliberating(), revision)?.code).toBe('amendment-limit');
  });

  it('an amendment starts a new round: votes, silences and deadlines reset', () => {
    // PEER stays silent past 24 h; FUNDER objects at 10 h; the proposer amends at 30 h.
    const before = stateAfter([
      voteAt(h(1), approve(COMMUNITY)),
      voteAt(h(10), object(FUNDER)),
      voteAt(h(25), approve(TALENT)),
    ]);
    expect(Object.keys(before.votes).sort()).toEqual([COMMUNITY, FUNDER, PEER, TALENT].sort());
    const step = amend(before, revision, h(30));
    expect(step.facts).toEqual([{ type: 'amended', round: 2, revision: revision.revision }]);
    expect(step.state).toEqual({
      ...before,
      stage: 'voting',
      round: 2,
      roundStartedAt: h(30),
      amendments: 1,
      votes: {},
      deliberationUntil: null,
      objectors: [], // a new round: each party may open deliberation once again
    });
    expect(pendingParties(ctx, step.state)).toEqual([
      { partyId: COMMUNITY, deadline: h(30 + 168) },
      { partyId: RESIDENTS, deadline: h(30 + 168) },
      { partyId: TALENT, deadline: h(30 + 168) },
      { partyId: FUNDER, deadline: h(30 + 168) },
      { partyId: PEER, deadline: h(30 + 24) },
    ]);
    expect(nextWakeAt(ctx, step.state)).toBe(h(54));
    // Round 2 runs to completion on its own votes.
    const run = simulate(ctx, OPENED_AT, [
      voteAt(h(1), approve(COMMUNITY)),
      voteAt(h(10), object(FUNDER)),
      voteAt(h(25), approve(TALENT)),
      amendAt(h(30), revision),
      ...[COMMUNITY, RESIDENTS, FUNDER].map((p) => voteAt(h(40), approve(p, 2))),
    ]);
    expect(run.state.outcome).toMatchObject({ result: 'approved', decidedBy: 'votes', at: h(40) });
    expect(run.state.votes).toEqual({
      [COMMUNITY]: { choice: 'approve', at: h(40) },
      [RESIDENTS]: { choice: 'approve', at: h(40) },
      [FUNDER]: { choice: 'approve', at: h(40) },
    });
  });
});

describe('checkArbitration', () => {
  const ruling = (arbiterId: string, result: 'approved' | 'rejected' = 'approved') => ({
    arbiterId,
    castBy: arbiterId,
    result,
    reason: 'The plan is safe with two volunteers',
  });

  it('wrong-identity', () => {
    expect(codeOf(checkArbitration(ctx, escalated(), { ...ruling(STREET), castBy: DISTRICT }, h(200)))).toBe(
      'wrong-identity',
    );
  });

  it('not-escalated: while the parties vote, no arbiter decides', () => {
    expect(codeOf(checkArbitration(ctx, open, ruling(STREET), h(1)))).toBe('not-escalated');
    expect(codeOf(checkArbitration(ctx, deliberating(), ruling(STREET), h(11)))).toBe('not-escalated');
  });

  it('not-the-arbiter: each level has its own arbiter', () => {
    expect(codeOf(checkArbitration(ctx, escalated(), ruling(DISTRICT), h(200)))).toBe('not-the-arbiter');
    const level2 = simulate(ctx, OPENED_AT, [], { until: h(300) }).state;
    expect(level2.escalation).toEqual({ level: 2, deadline: h(360) });
    expect(codeOf(checkArbitration(ctx, level2, ruling(STREET), h(300)))).toBe('not-the-arbiter');
    expect(codeOf(checkArbitration(ctx, level2, ruling(DISTRICT), h(300)))).toBeNull();
  });

  it("past-deadline: at the arbiter's deadline it is too late", () => {
    const state = escalated();
    expect(state.escalation).toEqual({ level: 1, deadline: h(240) });
    expect(codeOf(checkArbitration(ctx, state, ruling(STREET), h(240) - 1))).toBeNull();
    expect(codeOf(checkArbitration(ctx, state, ruling(STREET), h(240)))).toBe('past-deadline');
  });

  it('decision-closed, and a repeated ruling is a duplicate', () => {
    const step = arbitrate(ctx, escalated(), ruling(STREET), h(200));
    expect(step.state.outcome).toEqual({
      result: 'approved',
      decidedBy: 'arbiter',
      level: 1,
      at: h(200),
      reason: ruling(STREET).reason,
    });
    expect(step.facts.map((f) => f.type)).toEqual(['arbitrated', 'decided']);
    expect(checkArbitration(ctx, step.state, ruling(STREET), h(201))).toBe('duplicate');
    expect(arbitrate(ctx, step.state, ruling(STREET), h(201))).toEqual({ state: step.state, facts: [] });
    expect(codeOf(checkArbitration(ctx, step.state, ruling(STREET, 'rejected'), h(201)))).toBe('decision-closed');
    expect(codeOf(checkArbitration(ctx, step.state, ruling(DISTRICT), h(201)))).toBe('decision-closed');
    expect(codeOf(checkArbitration(ctx, approved(), ruling(STREET), h(2)))).toBe('decision-closed');
  });
});

describe('time, silence and escalation', () => {
  it('silence is not a veto: a silent party abstains exactly at its deadline', () => {
    const state = stateAfter([voteAt(h(1), approve(COMMUNITY))]);
    expect(nextWakeAt(ctx, state)).toBe(h(24));
    expect(advance(ctx, state, h(24) - 1).facts).toEqual([]);
    const step = advance(ctx, state, h(24));
    expect(step.facts).toEqual([{ type: 'abstained-by-silence', partyId: PEER, round: 1, deadline: h(24) }]);
    expect(step.state.votes[PEER]).toEqual({ choice: 'abstain', at: h(24), bySilence: true });
    expect(tally(ctx, step.state)).toMatchObject({ approve: 2, abstain: 1, pending: 5 });
    // A late advance still records the abstention at the deadline, not at the late time.
    expect(advance(ctx, state, h(30)).state.votes[PEER]).toEqual({ choice: 'abstain', at: h(24), bySilence: true });
  });

  it('approval reached before the slowest deadline decides at once; silent parties never block it', () => {
    const run = simulate(ctx, OPENED_AT, [
      voteAt(h(2), approve(COMMUNITY)),
      voteAt(h(30), approve(RESIDENTS)),
      voteAt(h(50), approve(FUNDER)),
    ]);
    expect(run.state.outcome).toMatchObject({ result: 'approved', decidedBy: 'votes', level: 0, at: h(50) });
    expect(run.facts.map((f) => f.fact.type)).toEqual([
      'vote-cast',
      'abstained-by-silence',
      'vote-cast',
      'vote-cast',
      'decided',
    ]);
  });

  it('an objection is a vote, not a stop: the decision waits for the deliberation, then counts', () => {
    const run = simulate(ctx, OPENED_AT, [
      voteAt(h(1), object(FUNDER)),
      ...[COMMUNITY, RESIDENTS, TALENT, PEER].map((p) => voteAt(h(2), approve(p))),
    ]);
    expect(run.facts[1]).toEqual({
      at: h(1),
      fact: { type: 'deliberation-opened', objector: FUNDER, reason: SAFETY, until: h(73) },
    });
    expect(run.state.outcome).toMatchObject({ result: 'approved', decidedBy: 'votes', at: h(73) });
    expect(run.facts.slice(-2).map((f) => f.fact.type)).toEqual(['deliberation-closed', 'decided']);
  });

  it('two objectors whose weight puts the quorum out of reach reject, after the deliberation', () => {
    const run = simulate(ctx, OPENED_AT, [
      voteAt(h(1), object(FUNDER)),
      voteAt(h(40), object(RESIDENTS, { code: 'budget', text: 'Over budget.' })),
      ...[COMMUNITY, TALENT, PEER].map((p) => voteAt(h(2), approve(p))),
    ]);
    // The second objection extends the window: 40 + 72 h.
    expect(run.state.outcome).toMatchObject({ result: 'rejected', decidedBy: 'votes', level: 0, at: h(112) });
    expect(run.state.outcome?.reason).toBe('objecting weight 4 leaves 4 < quorum 5');
  });

  it('a tie with every vote in escalates (approve 3, object 3, abstain 2 of quorum 5)', () => {
    const votes = [
      { partyId: COMMUNITY, choice: 'approve' as const, offset: HOUR },
      { partyId: TALENT, choice: 'approve' as const, offset: HOUR },
      { partyId: RESIDENTS, choice: 'object' as const, reason: SAFETY, offset: HOUR },
      { partyId: PEER, choice: 'object' as const, reason: SAFETY, offset: HOUR },
      { partyId: FUNDER, choice: 'abstain' as const, offset: HOUR },
    ];
    const run = simulate(
      ctx,
      OPENED_AT,
      votes.map((v) =>
        voteAt(OPENED_AT + v.offset, {
          partyId: v.partyId,
          castBy: v.partyId,
          choice: v.choice,
          ...(v.reason ? { reason: v.reason } : {}),
        }),
      ),
    );
    const escalation = run.facts.find((f) => f.fact.type === 'escalated');
    expect(escalation).toEqual({
      at: h(73),
      fact: {
        type: 'escalated',
        level: 1,
        arbiterId: STREET,
        deadline: h(73 + 72),
        tally: { approve: 3, object: 3, abstain: 2, pending: 0, total: 8, quorum: 5 },
      },
    });
    expect(verdict({ approve: 3, object: 3, abstain: 2, pending: 0, total: 8, quorum: 5 })).toBe('escalate');
    expect(run.state.outcome).toMatchObject({ result: 'rejected', decidedBy: 'default', level: 2 });
    // The independent oracle of the property tests agrees on this hand-worked case.
    expect(expectedOutcome(ctx, votes)).toEqual({ result: 'rejected', decidedBy: 'default', level: 2 });
  });

  it('two escalation levels: the street defaults to escalate, the district to rejected', () => {
    const run = simulate(ctx, OPENED_AT, []);
    const timeline = run.facts.map(({ at, fact }) => [
      (at - OPENED_AT) / HOUR,
      fact.type,
      'level' in fact ? fact.level : null,
    ]);
    expect(timeline).toEqual([
      [24, 'abstained-by-silence', null],
      [168, 'abstained-by-silence', null],
      [168, 'abstained-by-silence', null],
      [168, 'abstained-by-silence', null],
      [168, 'abstained-by-silence', null],
      [168, 'escalated', 1],
      [240, 'escalated', 2],
      [360, 'decided', null],
    ]);
    expect(run.state.outcome).toEqual({
      result: 'rejected',
      decidedBy: 'default',
      level: 2,
      at: h(360),
      reason: `${DISTRICT} did not arbitrate by its deadline; the level's default applies`,
    });
    expect(pendingParties(ctx, escalated())).toEqual([{ partyId: STREET, deadline: h(240) }]);
  });

  it('the second level can decide, and an approving default applies at the first level that has one', () => {
    const ruling = { arbiterId: DISTRICT, castBy: DISTRICT, result: 'approved' as const, reason: 'Safe enough' };
    const byDistrict = simulate(ctx, OPENED_AT, [arbitrateAt(h(300), ruling)]);
    expect(byDistrict.state.outcome).toMatchObject({ result: 'approved', decidedBy: 'arbiter', level: 2, at: h(300) });
    const lenient = streetCtx({
      escalation: [
        { arbiterId: STREET, title: 'Street', deadlineHours: 72, defaultOutcome: 'approved' },
        { arbiterId: DISTRICT, title: 'District', deadlineHours: 120, defaultOutcome: 'rejected' },
      ],
    });
    expect(simulate(lenient, OPENED_AT, []).state.outcome).toMatchObject({
      result: 'approved',
      decidedBy: 'default',
      level: 1,
      at: h(240),
    });
  });

  it('a seated proposer is recused and the quorum scales with it: one objector still cannot block', () => {
    // COMMUNITY proposes and holds 2 of 8; FUNDER objects; the other three approve 4 of the remaining 6.
    // Had the quorum stayed at 5, FUNDER alone would have forced an escalation (and, with silent
    // arbiters, the district's default rejection) of what every other party approved.
    const seated = streetCtx({}, COMMUNITY);
    const run = simulate(seated, OPENED_AT, [
      voteAt(h(1), object(FUNDER)),
      ...[RESIDENTS, TALENT, PEER].map((p) => voteAt(h(2), approve(p))),
    ]);
    expect(run.facts.find((f) => f.fact.type === 'decided')?.fact).toMatchObject({
      tally: { approve: 4, object: 2, abstain: 0, pending: 0, total: 6, quorum: 4 },
    });
    expect(run.state.outcome).toMatchObject({ result: 'approved', decidedBy: 'votes', level: 0 });
  });

  it('in an electorate too small for both invariants, no single veto wins', () => {
    // Three seats of 1, quorum 2; one proposes: two seats of 1 remain, and either bound breaks one rule.
    const tiny = streetCtx(
      {
        parties: [COMMUNITY, RESIDENTS, TALENT].map((partyId) => ({
          partyId,
          kind: partyId.split(':')[0] ?? 'x',
          title: partyId,
          weight: 1,
          voteWindowHours: 24,
        })),
        quorum: 2,
      },
      COMMUNITY,
    );
    expect(electorate(tiny)).toMatchObject({ total: 2, quorum: 1 });
    const run = simulate(tiny, OPENED_AT, [voteAt(h(1), object(RESIDENTS)), voteAt(h(2), approve(TALENT))]);
    expect(run.state.outcome).toMatchObject({ result: 'approved', decidedBy: 'votes' });
  });
});
