import { ActivityInputInvalid, MemberNotFound } from './activity-errors';
import { applyJoin, applyLeave, applyMeeting, type Group, groupCounts, memberProblems, newGroups } from './groups';

const AT = '2026-12-01T02:00:00.000Z';
const LATER = '2026-12-08T02:00:00.000Z';
const [participants, staff, volunteers] = newGroups('act-1') as [Group, Group, Group];
const meeting = (kind: 'meeting' | 'training', durationMinutes: number, attendeeCount: number) => ({
  meetingId: `m-${kind}-${durationMinutes}`,
  kind,
  heldOn: '2026-12-02',
  topic: '志愿者服务礼仪',
  durationMinutes,
  attendeeCount,
});

describe('activity groups', () => {
  it('makes three empty groups per activity', () => {
    expect(newGroups('act-1').map((g) => [g.groupId, g.kind])).toEqual([
      ['grp-act-1-participants', 'participants'],
      ['grp-act-1-staff', 'staff'],
      ['grp-act-1-volunteers', 'volunteers'],
    ]);
  });

  it.each([
    ['participants', 'rp-3f8k2m1q', 'resident', []],
    ['participants', 'sw-2019-0457', 'worker', ['/memberKind']],
    ['participants', 'sw-2019-0457', 'resident', ['/memberId']],
    ['staff', 'sw-2019-0457', 'worker', []],
    ['staff', 'rp-3f8k2m1q', 'resident', ['/memberKind']],
    ['staff', 'rp-3f8k2m1q', 'worker', ['/memberId']],
    ['volunteers', 'rp-3f8k2m1q', 'resident', []],
    ['volunteers', 'vol-0001', 'worker', []],
    ['volunteers', 'rp-3f8k2m1q', 'worker', ['/memberId']],
    ['volunteers', 'vol-0001', 'resident', ['/memberId']],
  ] as const)('%s: %s as %s → problems %j', (group, memberId, memberKind, paths) => {
    expect(memberProblems(group, memberId, memberKind).map((p) => p.path)).toEqual(paths);
  });

  it('a member leaves (left_at) rather than being deleted, and may join again', () => {
    const joined = applyJoin(staff, { memberId: 'sw-1', memberKind: 'worker', role: 'lead' }, AT);
    const left = applyLeave(joined, 'sw-1', LATER);
    expect(left.members).toEqual([
      { memberId: 'sw-1', memberKind: 'worker', role: 'lead', joinedAt: AT, leftAt: LATER },
    ]);
    expect(() => applyLeave(left, 'sw-1', LATER)).toThrow(MemberNotFound);
    const again = applyJoin(left, { memberId: 'sw-1', memberKind: 'worker', role: null }, LATER);
    expect(again.members).toEqual([
      { memberId: 'sw-1', memberKind: 'worker', role: null, joinedAt: LATER, leftAt: null },
    ]);
    expect(() => applyJoin(staff, { memberId: 'rp-3f8k2m1q', memberKind: 'resident', role: null }, AT)).toThrow(
      ActivityInputInvalid,
    );
  });

  it('a meeting has no more attendees than current members, 1–1440 minutes, a topic of 1–200', () => {
    const two = applyJoin(
      applyJoin(volunteers, { memberId: 'vol-1', memberKind: 'worker', role: null }, AT),
      { memberId: 'rp-3f8k2m1q', memberKind: 'resident', role: null },
      AT,
    );
    expect(() => applyMeeting(two, meeting('meeting', 60, 2))).not.toThrow();
    try {
      applyMeeting(two, { ...meeting('training', 0, 3), topic: '' });
      throw new Error('accepted');
    } catch (error) {
      expect((error as ActivityInputInvalid).problems.map((p) => p.path)).toEqual([
        '/topic',
        '/durationMinutes',
        '/attendeeCount',
      ]);
    }
    expect(() => applyMeeting(two, meeting('training', 1441, 1))).toThrow(/durationMinutes/);
  });

  it('counts current members, meetings, trainings and training minutes per group', () => {
    let v = applyJoin(volunteers, { memberId: 'vol-1', memberKind: 'worker', role: null }, AT);
    v = applyJoin(v, { memberId: 'vol-2', memberKind: 'worker', role: null }, AT);
    v = applyJoin(v, { memberId: 'rp-3f8k2m1q', memberKind: 'resident', role: null }, AT);
    v = applyLeave(v, 'vol-2', LATER);
    v = applyMeeting(v, meeting('meeting', 30, 2));
    v = applyMeeting(v, meeting('training', 90, 2));
    v = applyMeeting(v, meeting('training', 45, 1));
    const p = applyJoin(participants, { memberId: 'rp-9d7w4x2n', memberKind: 'resident', role: null }, AT);
    expect(groupCounts([p, staff, v])).toEqual({
      participants: { members: 1, meetings: 0, trainings: 0, trainingMinutes: 0 },
      staff: { members: 0, meetings: 0, trainings: 0, trainingMinutes: 0 },
      volunteers: { members: 2, meetings: 1, trainings: 2, trainingMinutes: 135 },
    });
  });
});
