import { type AssessorCandidate, ineligibility, pickAssessor, tieWindowStart } from './assessor-eligibility';

const TODAY = '2026-11-28';
const ORG = 'org-xinhua';

const worker = (workerId: string, overrides: Partial<AssessorCandidate> = {}): AssessorCandidate => ({
  workerId,
  organizationId: 'org-elsewhere',
  kind: 'certified-social-worker',
  level: 'assistant-social-worker',
  status: 'active',
  certifiedUntil: '2029-06-30',
  lastAssignedOn: null,
  lastServedOn: null,
  lastBoundAt: null,
  ...overrides,
});

describe('the independent assessor’s eligibility', () => {
  it('takes an assistant social worker or above with a certificate in force today', () => {
    expect(ineligibility(worker('a'), ORG, TODAY)).toBeNull();
    expect(ineligibility(worker('a', { level: 'senior-social-worker' }), ORG, TODAY)).toBeNull();
    expect(ineligibility(worker('a', { certifiedUntil: TODAY }), ORG, TODAY)).toBeNull();
  });

  it('refuses a worker without a certificate in force, not certified, or gone', () => {
    expect(ineligibility(worker('a', { certifiedUntil: null }), ORG, TODAY)).toBe('not-certified');
    expect(ineligibility(worker('a', { certifiedUntil: '2026-11-27' }), ORG, TODAY)).toBe('not-certified');
    expect(ineligibility(worker('a', { kind: 'intern', level: null }), ORG, TODAY)).toBe('not-certified');
    expect(ineligibility(worker('a', { status: 'left' }), ORG, TODAY)).toBe('not-certified');
  });

  it('refuses the organization’s own worker', () => {
    expect(ineligibility(worker('a', { organizationId: ORG }), ORG, TODAY)).toBe('employed-by-organization');
  });

  it('refuses a tie within the last 12 months, the window’s first day included, a future one too', () => {
    expect(tieWindowStart(TODAY)).toBe('2025-11-28');
    expect(ineligibility(worker('a', { lastAssignedOn: '2025-11-28' }), ORG, TODAY)).toBe('assigned-to-organization');
    expect(ineligibility(worker('a', { lastAssignedOn: '2026-12-05' }), ORG, TODAY)).toBe('assigned-to-organization');
    expect(ineligibility(worker('a', { lastServedOn: '2026-03-01' }), ORG, TODAY)).toBe('served-organization');
  });

  it('takes a worker whose last tie ended the day before the window', () => {
    const older = worker('a', { lastAssignedOn: '2025-11-27', lastServedOn: '2025-11-27' });
    expect(ineligibility(older, ORG, TODAY)).toBeNull();
  });

  it('counts 29 February back a year as 1 March', () => {
    expect(tieWindowStart('2028-02-29')).toBe('2027-03-01');
  });
});

describe('pickAssessor', () => {
  it('binds the never-bound first, then the least recently bound, then by worker id', () => {
    const recent = worker('a', { lastBoundAt: '2026-11-01T02:00:00.000Z' });
    const earlier = worker('b', { lastBoundAt: '2026-10-01T02:00:00.000Z' });
    const never = [worker('d'), worker('c')];
    expect(pickAssessor([recent, earlier, ...never], ORG, TODAY).workerId).toBe('c');
    expect(pickAssessor([recent, earlier], ORG, TODAY).workerId).toBe('b');
    expect(pickAssessor([worker('z'), worker('y')], ORG, TODAY).workerId).toBe('y');
  });

  it('passes over the organization’s own and tied workers for an independent one', () => {
    const candidates = [
      worker('a', { organizationId: ORG }),
      worker('b', { lastAssignedOn: '2026-06-01' }),
      worker('c', { lastBoundAt: '2026-11-20T00:00:00.000Z' }),
    ];
    const choice = pickAssessor(candidates, ORG, TODAY);
    expect(choice).toEqual({ workerId: 'c', reason: expect.stringContaining('no tie to organization:org-xinhua') });
  });

  it('names why nobody is eligible', () => {
    const candidates = [
      worker('a', { organizationId: ORG }),
      worker('b', { lastServedOn: '2026-06-01' }),
      worker('c', { certifiedUntil: null }),
    ];
    expect(pickAssessor(candidates, ORG, TODAY)).toEqual({
      workerId: null,
      reason:
        'no certified social worker without a tie to organization:org-xinhua since 2025-11-28: 3 active certified ' +
        'social workers considered (1 its own workers, 1 served hours it recorded, 1 without a certificate in force)',
    });
    expect(pickAssessor([], ORG, TODAY).reason).toBe(
      'no certified social worker without a tie to organization:org-xinhua since 2025-11-28: ' +
        '0 active certified social workers considered',
    );
  });
});
