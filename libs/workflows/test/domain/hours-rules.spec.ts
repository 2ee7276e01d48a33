import { checkConfirm, checkDispute, type HoursState } from '../../src/hours/domain/hours-rules';

const DEADLINE = Date.parse('2026-12-04T10:00:00Z');
const BEFORE = DEADLINE - 1;
const party = 'community:310104-005-001';
const confirm = { partyId: party, castBy: 'user-1' };
const dispute = { partyId: party, castBy: 'user-1', reason: { code: 'hours-overstated', text: '只进行了一小时' } };
const awaiting = (overrides: Partial<HoursState> = {}): HoursState => ({
  communityCode: '310104-005-001',
  deadline: DEADLINE,
  stage: 'awaiting',
  confirmed: null,
  disputed: null,
  outcome: null,
  ...overrides,
});

describe('hours rules: who may confirm or dispute, and when', () => {
  it('takes a confirm or a dispute from the hours’ community before confirmBy', () => {
    expect(checkConfirm(awaiting(), confirm, BEFORE)).toBeNull();
    expect(checkDispute(awaiting(), dispute, BEFORE)).toBeNull();
  });

  it('refuses any other party: not-a-party', () => {
    expect(checkConfirm(awaiting(), { ...confirm, partyId: 'community:310104-005-002' }, BEFORE)).toMatchObject({
      code: 'not-a-party',
    });
    expect(checkDispute(awaiting(), { ...dispute, partyId: 'portal:street-310104-005' }, BEFORE)).toMatchObject({
      code: 'not-a-party',
    });
  });

  it('after a dispute a confirm is hours-disputed and a second dispute a duplicate', () => {
    const disputed = awaiting({ stage: 'disputed', disputed: dispute, decisionId: 'decision/hours-dispute/h1' });
    expect(checkConfirm(disputed, confirm, BEFORE)).toMatchObject({ code: 'hours-disputed' });
    expect(checkDispute(disputed, dispute, BEFORE)).toBe('duplicate');
  });

  it('after a confirm a second confirm is a duplicate and a dispute hours-closed', () => {
    const confirmed = awaiting({ stage: 'settling', confirmed: confirm });
    expect(checkConfirm(confirmed, confirm, BEFORE)).toBe('duplicate');
    expect(checkDispute(confirmed, dispute, BEFORE)).toMatchObject({ code: 'hours-closed' });
  });

  it('at confirmBy the window is closed (silence confirmed them): hours-closed for both', () => {
    expect(checkConfirm(awaiting(), confirm, DEADLINE)).toMatchObject({ code: 'hours-closed' });
    expect(checkDispute(awaiting(), dispute, DEADLINE)).toMatchObject({ code: 'hours-closed' });
    expect(checkConfirm(awaiting({ stage: 'closed' }), confirm, BEFORE)).toMatchObject({ code: 'hours-closed' });
  });
});
