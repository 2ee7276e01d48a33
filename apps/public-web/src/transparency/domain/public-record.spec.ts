import {
  type CastVote,
  decisionSeqOf,
  paidOf,
  type PublicEvaluation,
  roundOf,
  scoresByActivity,
  type Seat,
  standsOf,
} from './public-record';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 28, 9, minute));
const D = 'decision/activity-proposal/prop-1';
const seat = (partyId: string, round = 1, deadline = at(30), openedAt = at(round === 1 ? 0 : 10)): Seat => ({
  decisionId: D,
  round,
  partyId,
  deadline,
  openedAt,
});
const vote = (
  partyId: string,
  choice: CastVote['choice'],
  castMinute: number,
  more: Partial<CastVote> = {},
): CastVote => ({
  decisionId: D,
  partyId,
  choice,
  round: null,
  reason: null,
  castAt: at(castMinute),
  refusedCode: null,
  ...more,
});

describe('standsOf', () => {
  const seats = [seat('community:310104-005-001'), seat('talent:sw-1'), seat('funder:civil-affairs')];

  it('shows each seated party: its vote, or silence as "did not vote" once the decision is decided', () => {
    const { round, stands } = standsOf(
      { stage: 'decided' },
      seats,
      [
        vote('talent:sw-1', 'approve', 1),
        vote('community:310104-005-001', 'object', 2, { reason: { code: 'noise', text: '夜间噪音' } }),
      ],
      at(59),
    );
    expect(round).toBe(1);
    expect(stands).toEqual([
      {
        partyId: 'community:310104-005-001',
        status: 'voted',
        choice: 'object',
        reason: { code: 'noise', text: '夜间噪音' },
      },
      { partyId: 'funder:civil-affairs', status: 'did-not-vote', refused: [] },
      { partyId: 'talent:sw-1', status: 'voted', choice: 'approve', reason: null },
    ]);
  });

  it('shows a silent party as awaited while the decision takes votes and its deadline has not passed, then as silent', () => {
    const before = standsOf({ stage: 'voting' }, seats, [], at(29)).stands.map((s) => s.status);
    const after = standsOf({ stage: 'voting' }, seats, [], at(31)).stands.map((s) => s.status);
    expect(before).toEqual(['awaited', 'awaited', 'awaited']);
    expect(after).toEqual(['did-not-vote', 'did-not-vote', 'did-not-vote']);
  });

  it('never calls a portal silent: its votes travel on its own commands topic, which is not public', () => {
    const withPortal = [...seats, seat('portal:street-xinhua')];
    const { stands } = standsOf({ stage: 'decided' }, withPortal, [], at(59));
    expect(stands.find((s) => s.partyId === 'portal:street-xinhua')).toEqual({
      partyId: 'portal:street-xinhua',
      status: 'portal-channel',
    });
  });

  it('never counts a refused vote: the party stays silent, the refusal named', () => {
    const { stands } = standsOf(
      { stage: 'decided' },
      seats,
      [vote('funder:civil-affairs', 'approve', 3, { refusedCode: 'wrong-channel' })],
      at(59),
    );
    expect(stands.find((s) => s.partyId === 'funder:civil-affairs')).toEqual({
      partyId: 'funder:civil-affairs',
      status: 'did-not-vote',
      refused: ['wrong-channel'],
    });
  });

  it("shows the last round: a vote of an earlier round (named or cast before the round opened) no longer counts; a party's last vote wins", () => {
    const twoRounds = [...seats, seat('community:310104-005-001', 2), seat('talent:sw-1', 2)];
    const { round, stands } = standsOf(
      { stage: 'decided' },
      twoRounds,
      [
        vote('talent:sw-1', 'object', 5, { reason: { code: 'x', text: 'y' } }), // round 1 by time
        vote('community:310104-005-001', 'approve', 12, { round: 1 }), // names round 1
        vote('community:310104-005-001', 'object', 13, { round: 2, reason: { code: 'a', text: 'b' } }),
        vote('community:310104-005-001', 'approve', 14, { round: 2 }),
      ],
      at(59),
    );
    expect(round).toBe(2);
    expect(stands.map((s) => [s.partyId, s.status === 'voted' ? s.choice : s.status])).toEqual([
      ['community:310104-005-001', 'approve'],
      ['talent:sw-1', 'did-not-vote'],
    ]);
  });
});

describe('roundOf', () => {
  it('is the round a vote names, else the latest opened when it was cast, else 1', () => {
    const seats = [seat('p:a', 1), seat('p:a', 2)];
    expect(roundOf({ round: 1, castAt: at(20) }, seats)).toBe(1);
    expect(roundOf({ round: null, castAt: at(5) }, seats)).toBe(1);
    expect(roundOf({ round: null, castAt: at(10) }, seats)).toBe(2);
    expect(roundOf({ round: null, castAt: at(5) }, [])).toBe(1);
  });
});

describe('paidOf', () => {
  it('adds the paid tranches in integer fen per currency, leaving unpaid ones out', () => {
    const paid = (amountFen: number, currency = 'CNY') => ({ amount: { amountFen, currency }, paidAt: at(1) });
    const tranche = (trancheNo: number, p: ReturnType<typeof paid> | null) => ({
      trancheNo,
      amount: null,
      milestone: null,
      dueDate: null,
      paid: p,
    });
    expect(paidOf({ tranches: [tranche(1, paid(1_440_001)), tranche(2, null), tranche(3, paid(99))] })).toEqual([
      { amountFen: 1_440_100, currency: 'CNY' },
    ]);
    expect(paidOf({ tranches: [tranche(1, null)] })).toEqual([]);
  });
});

describe('scoresByActivity', () => {
  it('counts the evaluations of each activity and averages each scored dimension to one decimal', () => {
    const evaluation = (id: string, activityId: string, scores: PublicEvaluation['scores'], minute: number) => ({
      evaluationId: id,
      activityId,
      organizationId: 'org-a',
      evaluator: 'resident',
      scores,
      recordedAt: at(minute),
    });
    expect(
      scoresByActivity([
        evaluation('e3', 'act-2', { outcome: 4 }, 3),
        evaluation('e1', 'act-1', { satisfaction: 5 }, 1),
        evaluation('e2', 'act-1', { satisfaction: 4, efficiency: 3 }, 2),
        evaluation('e4', 'act-1', { satisfaction: 4 }, 4),
      ]),
    ).toEqual([
      { activityId: 'act-1', organizationId: 'org-a', evaluations: 3, means: { satisfaction: 4.3, efficiency: 3 } },
      { activityId: 'act-2', organizationId: 'org-a', evaluations: 1, means: { outcome: 4 } },
    ]);
  });
});

describe('decisionSeqOf', () => {
  it('reads the audit position from the id, or the trail length of an outcome', () => {
    expect(decisionSeqOf(`${D}/3`)).toBe(3);
    expect(decisionSeqOf(`${D}/outcome`, 7)).toBe(7);
    expect(decisionSeqOf('other')).toBe(0);
  });
});
