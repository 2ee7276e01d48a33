import { pendingParties, tally } from '../../src/decision/domain/decision-state';
import { castVote, checkVote } from '../../src/decision/domain/votes';
import { abstain, approve, COMMUNITY, FUNDER, object, PEER, PROPOSER, streetCtx } from './fixtures';
import { approved, codeOf, ctx, deliberating, escalated, h, open, stateAfter } from './scenarios';
import { amendAt, voteAt } from './simulate';

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
