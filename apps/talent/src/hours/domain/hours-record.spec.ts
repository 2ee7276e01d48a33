import { HoursConflict } from './hours-errors';
import { activityRefusal, confirmByFrom, type HoursRecord, settlementStep, timeBankOf } from './hours-record';

const recorded: HoursRecord = {
  hoursId: 'hours-1',
  workerId: 'vol-1',
  workerKind: 'volunteer',
  organizationId: 'org-x',
  activityId: 'act-1',
  activityKnown: true,
  sessionId: null,
  communityCode: '310104-005-001',
  servedOn: '2026-11-20',
  minutes: 95,
  confirmBy: '2026-11-28T10:00:00.000Z',
  status: 'recorded',
  confirmedBy: null,
  decisionId: null,
  recordedBy: 'staff-of-org-x',
  recordedAt: '2026-11-21T10:00:00.000Z',
  settledAt: null,
};
const confirmed = (over: Partial<HoursRecord> = {}): HoursRecord => ({
  ...recorded,
  status: 'confirmed',
  confirmedBy: 'silence',
  settledAt: '2026-11-28T10:00:01.000Z',
  ...over,
});

describe('confirmBy', () => {
  it('is TALENT_HOURS_CONFIRM_HOURS after recording: 168 h is 7 days, fractions allowed', () => {
    const at = new Date('2026-11-21T10:00:00.000Z');
    expect(confirmByFrom(at, 168).toISOString()).toBe('2026-11-28T10:00:00.000Z');
    expect(confirmByFrom(at, 0.5).toISOString()).toBe('2026-11-21T10:30:00.000Z');
  });
});

describe('the activity the hours are for', () => {
  const activity = { activityId: 'act-1', organizationId: 'org-x', communityCode: '310104-005-001' };

  it('takes a scheduled activity of the worker’s organization in the community named, or one not known yet', () => {
    expect(activityRefusal(activity, 'org-x', '310104-005-001')).toBeNull();
    expect(activityRefusal(null, 'org-x', '310104-005-001')).toBeNull();
  });

  it('refuses another organization’s activity, and an activity held in another community', () => {
    expect(activityRefusal(activity, 'org-y', '310104-005-001')).toMatchObject({
      code: 'activity-of-another-organization',
      message: "activity act-1 is org-x's, not org-y's",
    });
    expect(activityRefusal(activity, 'org-x', '310104-005-002')).toMatchObject({
      code: 'activity-in-another-community',
      message: 'activity act-1 is held in 310104-005-001, not 310104-005-002',
    });
  });
});

describe('settling recorded hours', () => {
  it('applies the first outcome to recorded hours', () => {
    expect(settlementStep(recorded, { status: 'confirmed', confirmedBy: 'community' })).toBe('apply');
    expect(settlementStep(recorded, { status: 'rejected', decisionId: 'decision/hours-dispute/hours-1' })).toBe(
      'apply',
    );
  });

  it('answers already for the same outcome again (a retried activity)', () => {
    expect(settlementStep(confirmed(), { status: 'confirmed', confirmedBy: 'silence' })).toBe('already');
    const rejected = { ...recorded, status: 'rejected' as const, decisionId: 'd', settledAt: 'x' };
    expect(settlementStep(rejected, { status: 'rejected', decisionId: 'd' })).toBe('already');
  });

  it('refuses the opposite outcome of settled hours, never applying it over the first', () => {
    expect(() => settlementStep(confirmed(), { status: 'rejected', decisionId: 'd' })).toThrow(HoursConflict);
    expect(() => settlementStep(confirmed(), { status: 'rejected', decisionId: 'd' })).toThrow(
      'hours hours-1 are already confirmed; they cannot also be rejected',
    );
  });
});

describe('the time bank', () => {
  it('counts only confirmed hours served as a volunteer: 95 + 60 min = 155 min = 2.58 h', () => {
    const bank = timeBankOf('vol-1', [
      confirmed({ hoursId: 'h1', minutes: 95 }),
      confirmed({ hoursId: 'h2', minutes: 60, confirmedBy: 'community' }),
      { ...recorded, hoursId: 'h3', minutes: 120 }, // not confirmed yet
      { ...confirmed({ hoursId: 'h4', minutes: 30 }), status: 'rejected', confirmedBy: null, decisionId: 'd' },
      confirmed({ hoursId: 'h5', minutes: 240, workerKind: 'intern' }), // served as an intern
    ]);
    expect(bank.confirmedMinutes).toBe(155);
    expect(bank.confirmedHours).toBe(2.58);
    expect(bank.entries.map((entry) => entry.hoursId)).toEqual(['h1', 'h2']);
  });
});
