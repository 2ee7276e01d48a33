import { seatsToVote, seatVote, staffVoteRefusal, type TrackedDecision, voteEventId } from './funder-seat';

const FUND = 'funder:district-civil-affairs-fund';
const decision: TrackedDecision = {
  decisionId: 'decision/grant-award/grant-1',
  kind: 'grant-award',
  subjectId: 'grant-1',
  communityCode: '310104-005-001',
  title: '长者午餐',
  round: 1,
  seats: [
    { partyId: 'community:310104-005-001', deadline: '2026-12-31T00:00:00.000Z' },
    { partyId: FUND, deadline: '2026-12-31T00:00:00.000Z' },
    { partyId: 'portal:xuhui-civil-affairs', deadline: '2026-12-31T00:00:00.000Z' },
  ],
  status: 'open',
  result: null,
};

describe('the funder’s seat', () => {
  it('votes for funder:* seats of the current round not yet voted; never once decided', () => {
    expect(seatsToVote(decision, []).map((seat) => seat.partyId)).toEqual([FUND]);
    expect(seatsToVote(decision, [{ partyId: FUND, round: 1 }])).toEqual([]);
    expect(seatsToVote({ ...decision, round: 2 }, [{ partyId: FUND, round: 1 }])).toHaveLength(1);
    expect(seatsToVote({ ...decision, status: 'decided' }, [])).toEqual([]);
  });

  it('a vote’s event speaks for the party, with a deterministic id', () => {
    const seat = { decisionId: decision.decisionId, partyId: FUND, round: 1 };
    const reason = { code: 'budget-insufficient', text: '预算不足' };
    const { vote, event } = seatVote(seat, { choice: 'object', reason }, { mode: 'rules', rulesVersion: 1 });
    expect(vote).toMatchObject({ castBy: 'rules', mode: 'rules', rulesVersion: 1, eventId: event.id });
    expect(event).toEqual({
      type: 'sanshe.funding.decision.vote-cast.v1',
      id: `sanshe.funding.decision.vote-cast.v1:${decision.decisionId}:${FUND}:1`,
      subject: decision.decisionId,
      data: { decisionId: decision.decisionId, partyId: FUND, castBy: FUND, choice: 'object', round: 1, reason },
    });
    const staff = seatVote(seat, { choice: 'approve', reason: null }, { mode: 'staff', castBy: 'staff-1' });
    expect(staff.vote).toMatchObject({ castBy: 'staff-1', rulesVersion: null });
    expect(staff.event.data).not.toHaveProperty('reason');
    expect(voteEventId(`decision/grant-award/${'g'.repeat(200)}`, FUND, 1)).toMatch(/:[0-9a-f]{64}$/);
  });

  it('refuses a staff vote when decided, not seated (portal seats vote on their own topic) or already cast', () => {
    expect(staffVoteRefusal(decision, FUND, [])).toBeNull();
    expect(staffVoteRefusal({ ...decision, status: 'decided', result: 'approved' }, FUND, [])).toEqual({
      code: 'decision-closed',
      result: 'approved',
    });
    expect(staffVoteRefusal(decision, 'portal:xuhui-civil-affairs', [])).toEqual({
      code: 'not-seated',
      round: 1,
      seated: [FUND],
    });
    expect(staffVoteRefusal(decision, FUND, [{ partyId: FUND, round: 1, choice: 'approve' }])).toEqual({
      code: 'already-voted',
      round: 1,
      choice: 'approve',
    });
    expect(
      staffVoteRefusal({ ...decision, round: 2 }, FUND, [{ partyId: FUND, round: 1, choice: 'approve' }]),
    ).toBeNull();
  });
});
