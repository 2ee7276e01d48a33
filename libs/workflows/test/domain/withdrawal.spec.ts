import { nextWakeAt } from '../../src/decision/domain/deadlines';
import { pendingParties, tally } from '../../src/decision/domain/decision-state';
import { checkVote } from '../../src/decision/domain/votes';
import { checkWithdrawal, withdraw } from '../../src/decision/domain/withdrawal';
import { OPENED_AT } from './arbitraries';
import { approve, COMMUNITY, FUNDER, PROPOSER, STREET, TALENT } from './fixtures';
import { approved, codeOf, ctx, deliberating, escalated, h, open, stateAfter } from './scenarios';
import { simulate, voteAt } from './simulate';

const request = { castBy: PROPOSER, reason: { code: 'capacity-changed', text: '原定社工离职，撤回方案。' } };

describe('checkWithdrawal', () => {
  it('not-the-proposer: no other party can end a decision so (no single veto)', () => {
    for (const castBy of [FUNDER, STREET]) {
      expect(codeOf(checkWithdrawal(ctx, deliberating(), { ...request, castBy }))).toBe('not-the-proposer');
    }
  });

  it('accepts the proposer while voting, deliberating or escalated', () => {
    for (const state of [open, deliberating(), escalated()]) expect(checkWithdrawal(ctx, state, request)).toBeNull();
  });

  it('decision-closed once decided otherwise; a repeat after the withdrawal is a duplicate', () => {
    expect(codeOf(checkWithdrawal(ctx, approved(), request))).toBe('decision-closed');
    const withdrawn = withdraw(ctx, deliberating(), request, h(20)).state;
    expect(checkWithdrawal(ctx, withdrawn, request)).toBe('duplicate');
    expect(codeOf(checkWithdrawal(ctx, withdrawn, { ...request, castBy: FUNDER }))).toBe('not-the-proposer');
  });
});

describe('withdraw', () => {
  it('during voting: decided withdrawn by the proposer at level 0, with the votes as they stood', () => {
    const voting = stateAfter([voteAt(h(1), approve(COMMUNITY))]);
    const step = withdraw(ctx, voting, request, h(5));
    const outcome = {
      result: 'withdrawn',
      decidedBy: 'proposer',
      level: 0,
      at: h(5),
      reason: `withdrawn by ${PROPOSER}: capacity-changed`,
    };
    expect(step.state).toEqual({ ...voting, stage: 'decided', outcome });
    expect(step.facts).toEqual([
      { type: 'withdrawn', castBy: PROPOSER, reason: request.reason, round: 1 },
      { type: 'decided', outcome, tally: tally(ctx, voting) },
    ]);
    expect(pendingParties(ctx, step.state)).toEqual([]);
    expect(nextWakeAt(ctx, step.state)).toBeNull();
  });

  it('during deliberation: the window closes with the decision', () => {
    const step = withdraw(ctx, deliberating(), request, h(20));
    expect(step.state).toMatchObject({ stage: 'decided', deliberationUntil: null, outcome: { level: 0 } });
    expect(step.facts.map((fact) => fact.type)).toEqual(['withdrawn', 'decided']);
  });

  it('while escalated: level is the escalation level it had reached', () => {
    const atStreet = escalated();
    expect(withdraw(ctx, atStreet, request, h(200)).state.outcome).toMatchObject({
      result: 'withdrawn',
      decidedBy: 'proposer',
      level: 1,
    });
    const atDistrict = simulate(ctx, OPENED_AT, [], { until: h(250) }).state;
    expect(atDistrict).toMatchObject({ stage: 'escalated', escalation: { level: 2 } });
    expect(withdraw(ctx, atDistrict, request, h(250)).state.outcome).toMatchObject({ level: 2 });
  });

  it('changes nothing when repeated, when decided otherwise, or for another party', () => {
    const withdrawn = withdraw(ctx, deliberating(), request, h(20)).state;
    expect(withdraw(ctx, withdrawn, request, h(21))).toEqual({ state: withdrawn, facts: [] });
    const decided = approved();
    expect(withdraw(ctx, decided, request, h(2))).toEqual({ state: decided, facts: [] });
    expect(withdraw(ctx, open, { ...request, castBy: FUNDER }, h(2))).toEqual({ state: open, facts: [] });
  });

  it('a vote after the withdrawal finds the decision closed', () => {
    const withdrawn = withdraw(ctx, deliberating(), request, h(20)).state;
    expect(codeOf(checkVote(ctx, withdrawn, approve(TALENT), h(21)))).toBe('decision-closed');
  });
});
