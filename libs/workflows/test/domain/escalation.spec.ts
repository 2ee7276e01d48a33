import { arbitrate, checkArbitration } from '../../src/decision/domain/escalation';
import { OPENED_AT } from './arbitraries';
import { DISTRICT, STREET } from './fixtures';
import { approved, codeOf, ctx, deliberating, escalated, h, open } from './scenarios';
import { simulate } from './simulate';

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
