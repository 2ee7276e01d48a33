import { answerHours, answerRefusal, type CommunityHours, isAwaiting } from './community-hours';

const hours: CommunityHours = {
  hoursId: 'hours-1',
  communityCode: '310104-005-001',
  workerId: 'vol-1',
  workerKind: 'volunteer',
  organizationId: 'org-1',
  activityId: 'act-1',
  servedOn: '2026-12-01',
  minutes: 150,
  confirmBy: '2026-12-09T02:00:00.000Z',
  answer: null,
  settlement: null,
};
const before = new Date('2026-12-09T01:59:59.000Z');
const after = new Date('2026-12-09T02:00:01.000Z');
const reason = { code: 'not-served', text: '当天活动因雨取消，未提供服务' };

describe('the committee’s answer to hours', () => {
  it('is taken until confirmBy (inclusive), then the hours are closed', () => {
    expect(answerRefusal(hours, before)).toBeNull();
    expect(answerRefusal(hours, new Date(hours.confirmBy))).toBeNull();
    expect(answerRefusal(hours, after)).toMatchObject({ code: 'hours-closed' });
    expect(isAwaiting(hours, before)).toBe(true);
    expect(isAwaiting(hours, after)).toBe(false);
  });

  it('is refused once the hours are settled, even before confirmBy', () => {
    const settled = { ...hours, settlement: { outcome: 'confirmed' as const, confirmedBy: 'silence', settledAt: '' } };
    expect(answerRefusal(settled, before)).toMatchObject({ code: 'hours-closed' });
  });

  it('is given once: a second answer names the first', () => {
    const { answer } = answerHours(hours, 'confirmed', 'li-na', null, before);
    const refusal = answerRefusal({ ...hours, answer }, before);
    expect(refusal).toEqual({
      code: 'hours-answered',
      message: 'the community already confirmed hours hours-1 (sanshe.community.hours.confirmed.v1:hours-1)',
    });
  });

  it('confirms as community:<code>, castBy the party, once per hours', () => {
    const { answer, event } = answerHours(hours, 'confirmed', 'li-na', null, before);
    expect(event).toEqual({
      type: 'sanshe.community.hours.confirmed.v1',
      subject: 'hours-1',
      id: 'sanshe.community.hours.confirmed.v1:hours-1',
      data: {
        hoursId: 'hours-1',
        communityCode: '310104-005-001',
        partyId: 'community:310104-005-001',
        castBy: 'community:310104-005-001',
      },
    });
    expect(answer).toMatchObject({ kind: 'confirmed', answeredBySub: 'li-na', status: 'sent', reason: null });
  });

  it('disputes with the reason', () => {
    const { event } = answerHours(hours, 'disputed', 'li-na', reason, before);
    expect(event).toMatchObject({
      type: 'sanshe.community.hours.disputed.v1',
      id: 'sanshe.community.hours.disputed.v1:hours-1',
      data: { partyId: 'community:310104-005-001', reason },
    });
  });
});
