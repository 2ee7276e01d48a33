import { DecisionPolicyInput, schemaProblems } from '@sanshe/contracts';
import { castVote, checkVote, DEFAULT_MAX_VOTE_CHANGES } from '../../src/decision/domain/votes';
import { abstain, approve, COMMUNITY, FUNDER, object, PEER, PROPOSER, RESIDENTS, streetCtx } from './fixtures';
import { codeOf, h, stateAfter } from './scenarios';
import { amendAt, voteAt } from './simulate';

/** Rule 3's bound: a party changes its vote at most `maxVoteChangesPerRound` times per round (default 2). */
describe('vote changes during deliberation are bounded by the policy', () => {
  // FUNDER objects at 10 h (deliberation until 82 h); PEER approved at 1 h and flips between approve and abstain.
  const flips = (count: number) =>
    Array.from({ length: count }, (_, i) => voteAt(h(11 + i), i % 2 === 0 ? abstain(PEER) : approve(PEER)));
  const opening = [voteAt(h(1), approve(PEER)), voteAt(h(10), object(FUNDER))];

  it('absent from the policy, two changes are allowed and the third is refused as too-many-changes', () => {
    const ctx = streetCtx();
    expect(ctx.policy.maxVoteChangesPerRound).toBeUndefined();
    expect(DEFAULT_MAX_VOTE_CHANGES).toBe(2);
    const twice = stateAfter([...opening, ...flips(2)], ctx);
    expect(twice.votes[PEER]).toMatchObject({ choice: 'approve', at: h(12) });
    expect(twice.voteChanges).toEqual({ [PEER]: 2 });
    const third = checkVote(ctx, twice, abstain(PEER), h(13));
    expect(codeOf(third)).toBe('too-many-changes');
    expect(third).toMatchObject({
      message: `${PEER} changed its vote 2 time(s) in round 1; policy ${ctx.policy.policyId} allows 2 change(s) of vote per round`,
    });
    // Repeating the vote it holds is still a harmless duplicate, and another party still has its own changes.
    expect(checkVote(ctx, twice, approve(PEER), h(13))).toBe('duplicate');
    expect(codeOf(checkVote(ctx, twice, approve(FUNDER), h(13)))).toBeNull();
  });

  it('the policy sets the bound; 0 means a vote stands even while deliberated', () => {
    const three = streetCtx({ maxVoteChangesPerRound: 3 });
    expect(codeOf(checkVote(three, stateAfter([...opening, ...flips(2)], three), abstain(PEER), h(13)))).toBeNull();
    expect(codeOf(checkVote(three, stateAfter([...opening, ...flips(3)], three), approve(PEER), h(14)))).toBe(
      'too-many-changes',
    );
    const none = streetCtx({ maxVoteChangesPerRound: 0 });
    const state = stateAfter(opening, none);
    expect(checkVote(none, state, abstain(PEER), h(11))).toMatchObject({
      code: 'too-many-changes',
      message: expect.stringMatching(/allows no change of vote$/),
    });
    // The objector cannot withdraw either; a first vote is no change.
    expect(codeOf(checkVote(none, state, approve(FUNDER), h(11)))).toBe('too-many-changes');
    expect(codeOf(checkVote(none, state, approve(COMMUNITY), h(11)))).toBeNull();
  });

  it('an amendment opens a round in which every party may change again', () => {
    const ctx = streetCtx();
    const revision = { castBy: PROPOSER, revision: 'Two volunteers per visit' };
    const state = stateAfter(
      [
        ...opening,
        ...flips(2),
        amendAt(h(20), revision),
        voteAt(h(21), approve(PEER, 2)),
        voteAt(h(22), object(RESIDENTS)),
      ],
      ctx,
    );
    expect(state).toMatchObject({ round: 2, stage: 'deliberation', voteChanges: {} });
    const step = castVote(ctx, state, abstain(PEER), h(23));
    expect(step.facts).toEqual([{ type: 'vote-cast', partyId: PEER, choice: 'abstain', round: 2, changed: true }]);
    expect(step.state.voteChanges).toEqual({ [PEER]: 1 });
  });

  it('a run that started before the rule (patch vote-change-limit off) changes without limit', () => {
    const legacy = streetCtx({ maxVoteChangesPerRound: 0 });
    legacy.rules = { castAt: true, voteChangeLimit: false, idempotentAmendments: true };
    expect(codeOf(checkVote(legacy, stateAfter([...opening, ...flips(5)], legacy), approve(PEER), h(20)))).toBeNull();
  });

  it('PUT /policies accepts the field as an integer 0..10 (the contract schema), and only that', () => {
    const { version, ...policy } = streetCtx().policy; // a stored policy less its version: what a client sends
    expect(version).toBe(3);
    expect(schemaProblems(DecisionPolicyInput, { ...policy, maxVoteChangesPerRound: 0 })).toEqual([]);
    expect(schemaProblems(DecisionPolicyInput, { ...policy, maxVoteChangesPerRound: 10 })).toEqual([]);
    expect(schemaProblems(DecisionPolicyInput, policy)).toEqual([]);
    for (const wrong of [-1, 11, 1.5, '2']) {
      expect(schemaProblems(DecisionPolicyInput, { ...policy, maxVoteChangesPerRound: wrong })).toEqual([
        expect.objectContaining({ path: '/maxVoteChangesPerRound' }),
      ]);
    }
  });
});
