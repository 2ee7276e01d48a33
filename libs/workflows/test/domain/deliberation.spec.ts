import { nextWakeAt } from '../../src/decision/domain/deadlines';
import { pendingParties } from '../../src/decision/domain/decision-state';
import { amend, checkAmendment } from '../../src/decision/domain/deliberation';
import { OPENED_AT } from './arbitraries';
import { approve, COMMUNITY, FUNDER, object, PEER, PROPOSER, RESIDENTS, streetCtx, TALENT } from './fixtures';
import { approved, codeOf, ctx, deliberating, escalated, h, open, stateAfter } from './scenarios';
import { amendAt, simulate, voteAt } from './simulate';

describe('checkAmendment', () => {
  const revision = { castBy: PROPOSER, revision: 'A second volunteer on every home visit' };

  it('not-the-proposer', () => {
    expect(codeOf(checkAmendment(ctx, deliberating(), { ...revision, castBy: FUNDER }))).toBe('not-the-proposer');
  });

  it('no-deliberation: a proposal is amended only in answer to an objection', () => {
    expect(codeOf(checkAmendment(ctx, open, revision))).toBe('no-deliberation');
    expect(codeOf(checkAmendment(ctx, escalated(), revision))).toBe('no-deliberation');
    expect(checkAmendment(ctx, deliberating(), revision)).toBeNull();
  });

  it('decision-closed', () => {
    expect(codeOf(checkAmendment(ctx, approved(), revision))).toBe('decision-closed');
  });

  it('amendment-limit: the policy allows one amendment', () => {
    const state = stateAfter([
      voteAt(h(10), object(FUNDER)),
      amendAt(h(20), revision),
      voteAt(h(30), object(RESIDENTS, { code: 'budget', text: 'Still over budget.' })),
    ]);
    expect(state).toMatchObject({ stage: 'deliberation', amendments: 1, round: 2 });
    // A second, different revision (the same one again is a duplicate, below).
    expect(codeOf(checkAmendment(ctx, state, { ...revision, revision: 'Also a first-aid kit' }))).toBe(
      'amendment-limit',
    );
    expect(codeOf(checkAmendment(streetCtx({ maxAmendments: 0 }), deliberating(), revision))).toBe('amendment-limit');
  });

  it('an amendment starts a new round: votes, silences and deadlines reset', () => {
    // PEER stays silent past 24 h; FUNDER objects at 10 h; the proposer amends at 30 h.
    const before = stateAfter([
      voteAt(h(1), approve(COMMUNITY)),
      voteAt(h(10), object(FUNDER)),
      voteAt(h(25), approve(TALENT)),
    ]);
    expect(Object.keys(before.votes).sort()).toEqual([COMMUNITY, FUNDER, PEER, TALENT].sort());
    const step = amend(ctx, before, revision, h(30));
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
      revision: revision.revision, // what round 2 votes on: a repeat of it is a duplicate
      voteChanges: {}, // and each party may change its vote again
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

  it('a repeated revision is a duplicate: it opens no new round, wherever the decision stands', () => {
    const amended = stateAfter([voteAt(h(10), object(FUNDER)), amendAt(h(20), revision)]);
    expect(amended).toMatchObject({ stage: 'voting', round: 2, revision: revision.revision });
    // Redelivered while round 2 votes (before: refused as no-deliberation) ...
    expect(checkAmendment(ctx, amended, revision)).toBe('duplicate');
    expect(amend(ctx, amended, revision, h(21))).toEqual({ state: amended, facts: [] });
    // ... while round 2 is deliberated again (before: a third round, had the policy allowed it) ...
    const generous = streetCtx({ maxAmendments: 3 });
    const again = stateAfter(
      [voteAt(h(10), object(FUNDER)), amendAt(h(20), revision), voteAt(h(30), object(RESIDENTS))],
      generous,
    );
    expect(again).toMatchObject({ stage: 'deliberation', round: 2 });
    expect(checkAmendment(generous, again, revision)).toBe('duplicate');
    expect(amend(generous, again, revision, h(31)).facts).toEqual([]);
    expect(codeOf(checkAmendment(generous, again, { ...revision, revision: 'Also a first-aid kit' }))).toBeNull();
    // ... and once decided. Only the proposer's repeat is one.
    const decided = stateAfter([
      voteAt(h(10), object(FUNDER)),
      amendAt(h(20), revision),
      ...[COMMUNITY, RESIDENTS, TALENT].map((p) => voteAt(h(21), approve(p))),
    ]);
    expect(decided.stage).toBe('decided');
    expect(checkAmendment(ctx, decided, revision)).toBe('duplicate');
    expect(codeOf(checkAmendment(ctx, amended, { ...revision, castBy: FUNDER }))).toBe('not-the-proposer');
  });

  it('a run that started before the rule (patch idempotent-amendments off) opens a new round as it did', () => {
    const legacy = streetCtx({ maxAmendments: 3 });
    legacy.rules = { castAt: true, voteChangeLimit: true, idempotentAmendments: false };
    const again = stateAfter(
      [voteAt(h(10), object(FUNDER)), amendAt(h(20), revision), voteAt(h(30), object(RESIDENTS))],
      legacy,
    );
    expect(checkAmendment(legacy, again, revision)).toBeNull();
    expect(amend(legacy, again, revision, h(31)).state.round).toBe(3);
  });
});
