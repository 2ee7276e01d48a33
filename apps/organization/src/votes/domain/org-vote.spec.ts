import { decisionSeqOf, nextStage, type OrgDecision, organizationSeats } from './org-decision';
import { castVote, seatRefusal, speakerRefusal, voteInputProblems } from './org-vote';

const DECISION: OrgDecision = {
  decisionId: 'decision/activity-proposal/prop-1',
  kind: 'activity-proposal',
  subjectId: 'prop-1',
  communityCode: '310104-005-001',
  title: '长者午餐',
  proposerId: 'organization:org-x',
  stage: 'voting',
  round: 1,
  lastSeq: 1,
  result: null,
};
const SEAT = { partyId: 'organization:district-federation', round: 1, deadline: '2026-12-31T09:30:00.000Z' };
const admin = { sub: 'chen', roles: ['organization-admin'], parties: ['organization:district-federation'] };

describe('an organization’s vote', () => {
  it('only its organization-admin casts it; staff and admins of another organization are refused, naming what is needed', () => {
    expect(speakerRefusal(admin, SEAT.partyId, 'vote')).toBeNull();
    const staff = { ...admin, roles: ['organization-staff'] };
    expect(speakerRefusal(staff, SEAT.partyId, 'vote')).toMatch(
      /needs the role organization-admin for organization:district-federation, and the token grants roles organization-staff/,
    );
    expect(speakerRefusal({ ...admin, parties: ['organization:org-y'] }, SEAT.partyId, 'vote')).not.toBeNull();
  });

  it('names an unknown decision, the proposer’s own, a closed one and an unseated party', () => {
    const input = { decisionId: DECISION.decisionId, partyId: SEAT.partyId };
    expect(seatRefusal(null, null, input)?.code).toBe('decision-not-found');
    expect(seatRefusal(DECISION, SEAT, { ...input, partyId: 'organization:org-x' })?.code).toBe('own-proposal');
    expect(seatRefusal({ ...DECISION, stage: 'closed', result: 'approved' }, SEAT, input)?.code).toBe(
      'decision-closed',
    );
    expect(seatRefusal(DECISION, null, input)?.code).toBe('not-seated');
    expect(seatRefusal(DECISION, SEAT, input)).toBeNull();
  });

  it('wants an organization party, and a reason to object', () => {
    expect(voteInputProblems({ decisionId: 'd', partyId: 'community:310104-005-001', choice: 'approve' })).toEqual([
      { path: '/body/partyId', message: 'must be organization:<organizationId>' },
    ]);
    expect(voteInputProblems({ decisionId: 'd', partyId: SEAT.partyId, choice: 'object' })).toEqual([
      { path: '/body/reason', message: 'is required when objecting (code and text)' },
    ]);
  });

  it('leaves as one vote-cast whose castBy is the party, at the decision’s round by default', () => {
    const input = { decisionId: DECISION.decisionId, partyId: SEAT.partyId, choice: 'approve' as const };
    const { vote, event } = castVote('vote-1', input, DECISION, 'chen');
    expect(event).toEqual({
      type: 'sanshe.organization.decision.vote-cast.v1',
      subject: DECISION.decisionId,
      id: 'sanshe.organization.decision.vote-cast.v1:vote-1',
      data: {
        decisionId: DECISION.decisionId,
        partyId: SEAT.partyId,
        castBy: SEAT.partyId,
        choice: 'approve',
        round: 1,
      },
    });
    expect(vote).toMatchObject({ status: 'sent', castBySub: 'chen', eventId: event.id });
  });
});

describe('the decision as governance’s events move it', () => {
  it('seats organization parties only', () => {
    const pending = [
      { partyId: 'community:310104-005-001', deadline: 'd1' },
      { partyId: 'organization:district-federation', deadline: 'd2' },
    ];
    expect(organizationSeats(pending, 2)).toEqual([
      { partyId: 'organization:district-federation', round: 2, deadline: 'd2' },
    ]);
  });

  it('orders by the event’s position: stale events and anything after closing change nothing', () => {
    expect(decisionSeqOf('decision/activity-proposal/prop-1/4')).toBe(4);
    expect(decisionSeqOf('decision/activity-proposal/prop-1/outcome', 9)).toBe(9);
    expect(nextStage({ stage: 'voting', lastSeq: 3 }, 'deliberation-opened', 4)).toBe('deliberation');
    expect(nextStage({ stage: 'deliberation', lastSeq: 4 }, 'escalated', 3)).toBeNull();
    expect(nextStage({ stage: 'closed', lastSeq: 4 }, 'round-opened', 5)).toBeNull();
    expect(nextStage({ stage: 'escalated', lastSeq: 6 }, 'decided', 7)).toBe('closed');
  });
});
