import {
  planAsOf,
  type ProposalRevision,
  revisionOfRound,
  type TrackedDecision,
  voteEventId,
  votesDue,
} from './talent-vote';

const DECISION = 'decision/activity-proposal/prop-1';
const SEAT = 'talent:district-social-workers';

const submitted: ProposalRevision = {
  proposalId: 'prop-1',
  revisionNo: 1,
  revisionText: null,
  content: {
    category: 'elderly-care',
    expectedParticipants: 45,
    staffingPlan: [
      { role: 'certified-social-worker', count: 2 },
      { role: 'intern', count: 3 },
    ],
  },
};
const amendedTo3: ProposalRevision = {
  proposalId: 'prop-1',
  revisionNo: 2,
  revisionText: 'a third certified social worker',
  content: {
    staffingPlan: [
      { role: 'certified-social-worker', count: 3 },
      { role: 'intern', count: 3 },
    ],
  },
};

const decision = (round: number, roundTexts: Record<number, string> = {}): TrackedDecision => ({
  decisionId: DECISION,
  kind: 'activity-proposal',
  proposalId: 'prop-1',
  round,
  closed: false,
  roundTexts,
});

describe('the talent party’s automatic vote', () => {
  it('round 1 judges the submitted plan: elderly-care 45 with 2 certified → one objection naming the rule and fix', () => {
    const due = votesDue(decision(1), [{ partyId: SEAT, round: 1 }], [submitted], []);
    expect(due).toHaveLength(1);
    expect(due[0].event).toEqual({
      type: 'sanshe.talent.decision.vote-cast.v1',
      id: `sanshe.talent.decision.vote-cast.v1:${DECISION}:${SEAT}:1`,
      subject: DECISION,
      data: {
        decisionId: DECISION,
        partyId: SEAT,
        castBy: SEAT,
        choice: 'object',
        round: 1,
        reason: {
          code: 'staffing-rule',
          text: 'certified-ratio: 45 participants need 3 certified social workers, the plan has 2: add 1 certified-social-worker',
        },
      },
    });
    expect(due[0].vote).toMatchObject({ revisionNo: 1, rulesVersion: 1, choice: 'object' });
  });

  it('round 2 judges the amendment that opened it (only the plan changed; category and size carry over) → approve', () => {
    const round2 = decision(2, { 2: 'a third certified social worker' });
    const due = votesDue(round2, [{ partyId: SEAT, round: 2 }], [submitted, amendedTo3], [{ partyId: SEAT, round: 1 }]);
    expect(due.map(({ event }) => event.data)).toEqual([
      { decisionId: DECISION, partyId: SEAT, castBy: SEAT, choice: 'approve', round: 2 },
    ]);
    expect(due[0].vote.revisionNo).toBe(2);
  });

  it('waits for what it judges: opened before submitted, round 2 before its amendment', () => {
    expect(votesDue(decision(1), [{ partyId: SEAT, round: 1 }], [], [])).toEqual([]);
    const round2 = decision(2, { 2: 'a third certified social worker' });
    expect(votesDue(round2, [{ partyId: SEAT, round: 2 }], [submitted], [])).toEqual([]);
    // an amendment without the one before it cannot be folded: it carries only what changed
    expect(planAsOf([amendedTo3], 2)).toBeNull();
  });

  it('votes once per party and round; never for an earlier round, another kind, a closed decision or a non-talent seat', () => {
    const seats = [
      { partyId: SEAT, round: 1 },
      { partyId: 'community:310104-005-001', round: 1 },
    ];
    expect(votesDue(decision(1), seats, [submitted], [{ partyId: SEAT, round: 1 }])).toEqual([]);
    expect(votesDue(decision(2, { 2: 'x' }), [{ partyId: SEAT, round: 1 }], [submitted], [])).toEqual([]);
    expect(votesDue({ ...decision(1), kind: 'data-access' }, seats, [submitted], [])).toEqual([]);
    expect(votesDue({ ...decision(1), closed: true }, seats, [submitted], [])).toEqual([]);
    expect(votesDue(decision(1), seats, [submitted], []).map(({ vote }) => vote.partyId)).toEqual([SEAT]);
  });

  it('a round votes on the newest amendment with its description after the previous round’s', () => {
    const again = { ...amendedTo3, revisionNo: 4 };
    const other = { ...amendedTo3, revisionNo: 3, revisionText: 'something else' };
    expect(revisionOfRound(2, 'a third certified social worker', [submitted, amendedTo3, other, again], 1)).toBe(4);
    expect(revisionOfRound(3, 'a third certified social worker', [submitted, amendedTo3, other, again], 4)).toBeNull();
    expect(revisionOfRound(1, null, [], null)).toBe(1);
  });

  it('the event id is deterministic per decision, party and round', () => {
    expect(voteEventId(DECISION, SEAT, 3)).toBe(`sanshe.talent.decision.vote-cast.v1:${DECISION}:${SEAT}:3`);
    const long = `decision/activity-proposal/${'p'.repeat(128)}`;
    const hashed = voteEventId(long, `talent:${'w'.repeat(100)}`, 1);
    expect(hashed).toMatch(/^sanshe\.talent\.decision\.vote-cast\.v1:[0-9a-f]{64}$/);
    expect(voteEventId(long, `talent:${'w'.repeat(100)}`, 1)).toBe(hashed);
    expect(voteEventId(long, `talent:${'w'.repeat(100)}`, 2)).not.toBe(hashed);
  });
});
