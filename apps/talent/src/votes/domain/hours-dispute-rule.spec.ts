import {
  type AssignmentSpan,
  assignedOnDay,
  type DisputedHours,
  HOURS_DISPUTE_RULES,
  hoursDisputeVotesDue,
  judgeHoursDispute,
} from './hours-dispute-rule';

const HOURS: DisputedHours = { hoursId: 'hours-1', workerId: 'w-1', activityId: 'act-1', servedOn: '2026-12-03' };
const span = (startsAt: string, endsAt: string, extra: Partial<AssignmentSpan> = {}): AssignmentSpan => ({
  ...{ workerId: 'w-1', activityId: 'act-1', startsAt, endsAt, status: 'active' },
  ...extra,
});
const SEAT = 'talent:district-social-workers';
const decision = { decisionId: 'decision/hours-dispute/hours-1', round: 1, closed: false };

describe('HOURS_DISPUTE_RULES v1', () => {
  it('approves hours talent holds whose worker was assigned to the activity on the day served', () => {
    // 09:00–11:00 on 3 December in Shanghai
    const assigned = [span('2026-12-03T01:00:00.000Z', '2026-12-03T03:00:00.000Z')];
    expect(judgeHoursDispute('hours-1', HOURS, assigned)).toEqual({ choice: 'approve', reason: null });
  });

  it('judges the day in Asia/Shanghai: an assignment ending at local midnight before the day served does not cover it', () => {
    // 2 December 20:00 → 3 December 00:00 in Shanghai (12:00Z–16:00Z on 2 December): its last day is the 2nd
    const dayBefore = [span('2026-12-02T12:00:00.000Z', '2026-12-02T16:00:00.000Z')];
    expect(judgeHoursDispute('hours-1', HOURS, dayBefore)).toEqual({
      choice: 'object',
      reason: {
        code: 'worker-not-assigned',
        text:
          'w-1 had no active assignment to act-1 on 2026-12-03 (Asia/Shanghai): ' +
          'assign the worker to the activity for 2026-12-03 or withdraw the hours',
      },
    });
    // ending one millisecond later, it serves the first instant of the 3rd in Shanghai (still the 2nd in UTC)
    expect(assignedOnDay(HOURS, [span('2026-12-02T12:00:00.000Z', '2026-12-02T16:00:00.001Z')])).toBe(true);
  });

  it('a released assignment, another worker’s or another activity’s does not back the hours', () => {
    const day = ['2026-12-03T01:00:00.000Z', '2026-12-03T03:00:00.000Z'] as const;
    for (const other of [{ status: 'released' }, { workerId: 'w-2' }, { activityId: 'act-2' }]) {
      expect(judgeHoursDispute('hours-1', HOURS, [span(...day, other)]).reason?.code).toBe('worker-not-assigned');
    }
  });

  it('objects when talent holds no record of the hours', () => {
    expect(judgeHoursDispute('hours-9', null, [])).toEqual({
      choice: 'object',
      reason: {
        code: 'hours-not-recorded-here',
        text: 'talent holds no hours record hours-9: record the hours through talent (POST /hours) or withdraw the dispute',
      },
    });
  });

  it('casts once per talent seat and round, with the staffing votes’ id scheme, nothing once closed', () => {
    const seats = [
      { partyId: SEAT, round: 1 },
      { partyId: 'community:310104-001', round: 1 },
    ];
    const judged = { hoursId: 'hours-1', hours: HOURS, assignments: [] };
    const [due, ...more] = hoursDisputeVotesDue(decision, seats, [], judged);
    expect(more).toEqual([]);
    expect(due.vote).toMatchObject({
      partyId: SEAT,
      round: 1,
      revisionNo: 1,
      rulesVersion: HOURS_DISPUTE_RULES.version,
    });
    expect(due.event).toMatchObject({
      type: 'sanshe.talent.decision.vote-cast.v1',
      id: `sanshe.talent.decision.vote-cast.v1:${decision.decisionId}:${SEAT}:1`,
      data: { decisionId: decision.decisionId, partyId: SEAT, castBy: SEAT, choice: 'object', round: 1 },
    });
    expect(hoursDisputeVotesDue(decision, seats, [{ partyId: SEAT, round: 1 }], judged)).toEqual([]);
    expect(hoursDisputeVotesDue({ ...decision, closed: true }, seats, [], judged)).toEqual([]);
  });
});
