import { nextWakeAt } from '../../src/decision/domain/deadlines';
import { pendingParties } from '../../src/decision/domain/decision-state';
import { amend, checkAmendment } from '../../src/decision/domain/deliberation';
import { OPENED_AT } from './arbitraries';
import { approve, COMMUNITY, FUNDER, object, PEER, PROPOSER, RESIDENTS, streetCtx, TALENT } from './fixtures';
import { approved, ctx, deliberating, escalated, h, open, stateAfter } from './scenarios';
import { amendAt, simulate, voteAt } from './simulate';

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
