import { advance, nextWakeAt } from '../../src/decision/domain/deadlines';
import { electorate, pendingParties, tally, verdict } from '../../src/decision/domain/decision-state';
import { HOUR, OPENED_AT } from './arbitraries';
import {
  approve,
  COMMUNITY,
  DISTRICT,
  FUNDER,
  object,
  PEER,
  RESIDENTS,
  SAFETY,
  STREET,
  streetCtx,
  TALENT,
} from './fixtures';
import { expectedOutcome } from './oracle';
import { ctx, escalated, h, stateAfter } from './scenarios';
import { arbitrateAt, simulate, voteAt } from './simulate';

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
