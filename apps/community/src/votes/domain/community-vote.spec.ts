import type { CommunityDecision, DecisionSeat } from './community-decision';
import { communitySeats, nextStage } from './community-decision';
import { castVote, seatRefusal, voteInputProblems, voterRefusal } from './community-vote';

const CODE = '310104-005-001';
const member = { sub: 'li-na', roles: ['committee-member'], parties: [`community:${CODE}`] };
const staff = { sub: 'zhou', roles: ['committee-staff'], parties: [`community:${CODE}`, `residents:${CODE}`] };
const residentsRep = { sub: 'wang-fang', roles: ['residents-representative'], parties: [`residents:${CODE}`] };
const decision: CommunityDecision = {
  decisionId: 'decision/activity-proposal/prop-1',
  kind: 'activity-proposal',
  subjectId: 'prop-1',
  communityCode: CODE,
  title: '长者助餐',
  stage: 'voting',
  round: 2,
  result: null,
};
const seat: DecisionSeat = { partyId: `community:${CODE}`, round: 2, deadline: '2026-12-01T00:00:00.000Z' };
const input = { decisionId: decision.decisionId, partyId: `community:${CODE}`, choice: 'approve' as const };

describe('vote command rules', () => {
  it('lets a committee member cast the committee’s vote and a residents’ representative the residents’', () => {
    expect(voterRefusal(member, `community:${CODE}`)).toBeNull();
    expect(voterRefusal(residentsRep, `residents:${CODE}`)).toBeNull();
  });

  it('refuses committee staff either vote, and a committee member the residents’ vote', () => {
    expect(voterRefusal(staff, `community:${CODE}`)).toMatch(/needs the role committee-member/);
    expect(voterRefusal(staff, `residents:${CODE}`)).toMatch(/needs the role residents-representative/);
    expect(voterRefusal({ ...member, parties: [...member.parties, `residents:${CODE}`] }, `residents:${CODE}`)).toMatch(
      /residents-representative/,
    );
    expect(voterRefusal(member, 'community:310104-005-002')).toMatch(/community:310104-005-002/);
  });

  it('wants a reason for an objection, and a community or residents party', () => {
    expect(voteInputProblems({ ...input, choice: 'object' })).toEqual([
      { path: '/body/reason', message: expect.stringContaining('required when objecting') },
    ]);
    expect(
      voteInputProblems({ ...input, choice: 'object', reason: { code: 'budget-unclear', text: '预算不清' } }),
    ).toEqual([]);
    expect(voteInputProblems({ ...input, partyId: 'organization:org-1' })[0]?.path).toBe('/body/partyId');
  });

  it('needs a known, open decision that seats the party', () => {
    expect(seatRefusal(null, null, input)?.code).toBe('decision-not-found');
    expect(seatRefusal({ ...decision, stage: 'closed', result: 'approved' }, seat, input)?.code).toBe(
      'decision-closed',
    );
    expect(seatRefusal(decision, null, input)?.code).toBe('not-seated');
    expect(seatRefusal({ ...decision, stage: 'deliberation' }, seat, input)).toBeNull();
  });

  it('casts for the party (castBy = partyId) in the current round unless one is given, with a deterministic event id', () => {
    const { vote, event } = castVote('vote-1', input, decision, 'li-na');
    expect(vote).toMatchObject({ round: 2, status: 'sent', castBySub: 'li-na' });
    expect(event).toEqual({
      type: 'sanshe.community.decision.vote-cast.v1',
      subject: decision.decisionId,
      id: 'sanshe.community.decision.vote-cast.v1:vote-1',
      data: {
        decisionId: decision.decisionId,
        partyId: `community:${CODE}`,
        castBy: `community:${CODE}`,
        choice: 'approve',
        round: 2,
      },
    });
    expect(castVote('vote-2', { ...input, round: 1 }, decision, 'li-na').vote.round).toBe(1);
  });
});

describe('decision view rules', () => {
  it('keeps only the community’s seats of a round', () => {
    const pending = [
      { partyId: `community:${CODE}`, deadline: 'd1' },
      { partyId: `residents:${CODE}`, deadline: 'd2' },
      { partyId: 'organization:org-1', deadline: 'd3' },
      { partyId: 'portal:street-310104-005', deadline: 'd4' },
    ];
    expect(communitySeats(pending, 1).map((s) => s.partyId)).toEqual([`community:${CODE}`, `residents:${CODE}`]);
  });

  it('moves stages and never reopens a closed decision', () => {
    expect(nextStage('voting', 'deliberation-opened')).toBe('deliberation');
    expect(nextStage('deliberation', 'round-opened')).toBe('voting');
    expect(nextStage('voting', 'escalated')).toBe('escalated');
    expect(nextStage('escalated', 'decided')).toBe('closed');
    expect(nextStage('closed', 'round-opened')).toBe('closed');
  });
});
