import type { WorkerEntry } from '../../workers/domain/worker-directory';
import { assignedLines, assignRefusal, type Assignment, type TalentActivity } from './assignment';

const activity: TalentActivity = {
  activityId: 'act-1',
  proposalId: 'prop-1',
  organizationId: 'org-1',
  communityCode: '310104-005-001',
  staffingPlan: [
    { role: 'certified-social-worker', count: 1, minLevel: 'social-worker' },
    { role: 'intern', count: 2 },
  ],
  sessions: [],
  status: 'scheduled',
};
const certified: WorkerEntry = {
  workerId: 'sw-1',
  organizationId: 'org-1',
  kind: 'certified-social-worker',
  level: 'social-worker',
  status: 'active',
  certifiedUntil: '2027-01-31',
  skills: [],
};
const input = { workerId: 'sw-1', role: 'certified-social-worker' as const, startsAt: '2027-01-31T01:00:00.000Z' };

describe('assignment rules', () => {
  it('a certificate in force through the last day of the assignment is enough; one expiring before it is not', () => {
    expect(assignRefusal(activity, certified, { ...input, endsAt: '2027-01-31T03:00:00.000Z' })).toBeNull();
    expect(assignRefusal(activity, certified, { ...input, endsAt: '2027-02-01T03:00:00.000Z' })).toEqual({
      code: 'certificate-expired',
      message: "sw-1's certificate expires on 2027-01-31, before the assignment ends (2027-02-01)",
    });
    const none = { ...certified, certifiedUntil: null };
    expect(assignRefusal(activity, none, { ...input, endsAt: '2027-01-31T03:00:00.000Z' })?.code).toBe(
      'certificate-expired',
    );
  });

  it('days are Asia/Shanghai’s: 16:30Z on Jan 31 is already Feb 1 there; ending at its midnight serves Jan 31 only', () => {
    expect(assignRefusal(activity, certified, { ...input, endsAt: '2027-01-31T16:00:00.000Z' })).toBeNull();
    expect(assignRefusal(activity, certified, { ...input, endsAt: '2027-01-31T16:30:00.000Z' })?.message).toBe(
      "sw-1's certificate expires on 2027-01-31, before the assignment ends (2027-02-01)",
    );
  });

  it('the worker’s kind must be the role, at the line’s minimum level, on a line of the plan', () => {
    const endsAt = '2027-01-31T03:00:00.000Z';
    const assistant = { ...certified, level: 'assistant-social-worker' as const };
    expect(assignRefusal(activity, assistant, { ...input, endsAt })).toEqual({
      code: 'role-mismatch',
      message: 'the certified-social-worker line needs at least social-worker; sw-1 is assistant-social-worker',
    });
    expect(assignRefusal(activity, certified, { ...input, role: 'intern', endsAt })?.code).toBe('role-mismatch');
    const volunteer = { ...certified, kind: 'volunteer' as const, level: null };
    expect(assignRefusal(activity, volunteer, { ...input, role: 'volunteer', endsAt })).toEqual({
      code: 'role-mismatch',
      message: 'the staffing plan of act-1 has no volunteer',
    });
  });

  it('only an active worker of the activity’s organization; an unknown one is not found', () => {
    const endsAt = '2027-01-31T03:00:00.000Z';
    expect(assignRefusal(activity, { ...certified, organizationId: 'org-2' }, { ...input, endsAt })?.code).toBe(
      'not-of-organization',
    );
    expect(assignRefusal(activity, { ...certified, status: 'left' }, { ...input, endsAt })?.code).toBe(
      'not-of-organization',
    );
    expect(assignRefusal(activity, null, { ...input, endsAt })?.code).toBe('worker-not-found');
  });

  it('what is assigned counts each active worker once per role', () => {
    const base = { activityId: 'act-1', organizationId: 'org-1', startsAt: 'a', endsAt: 'b' };
    const assignments: Assignment[] = [
      { ...base, assignmentId: 'a1', workerId: 'i-1', role: 'intern', status: 'active' },
      { ...base, assignmentId: 'a2', workerId: 'i-1', role: 'intern', status: 'active' },
      { ...base, assignmentId: 'a3', workerId: 'i-2', role: 'intern', status: 'active' },
      { ...base, assignmentId: 'a4', workerId: 'sw-1', role: 'certified-social-worker', status: 'released' },
    ];
    expect(assignedLines(assignments)).toEqual([{ role: 'intern', count: 2 }]);
  });
});
