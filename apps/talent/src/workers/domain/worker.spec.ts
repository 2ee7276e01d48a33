import {
  applyCertificate,
  applyWorkerPut,
  availabilityProblems,
  certifiedUntil,
  type Worker,
  type WorkerBody,
  workerFact,
  workerProblems,
} from './worker';

const TODAY = '2026-11-27';
const certificate = {
  level: 'social-worker' as const,
  number: 'SW-1',
  issuedOn: '2024-06-01',
  expiresOn: '2030-05-31',
};
const intern: WorkerBody = {
  organizationId: 'org-x',
  kind: 'intern',
  name: '王小明',
  school: '华东理工大学',
  internshipEndsOn: '2027-06-30',
  skills: ['group-work'],
};
const none = { before: null, after: null };
const registered = (body: WorkerBody): Worker => applyWorkerPut(null, 'w-1', body, none, TODAY, 'admin').state;

describe('a certificate in force', () => {
  it('is the latest expiry at the level among those issued by today and not yet expired', () => {
    const older = { ...certificate, issuedOn: '2020-06-01', expiresOn: '2026-12-31' };
    const future = { ...certificate, issuedOn: '2027-01-01', expiresOn: '2033-01-01' };
    const otherLevel = { ...certificate, level: 'senior-social-worker' as const, expiresOn: '2031-01-01' };
    expect(certifiedUntil([older, certificate, future, otherLevel], 'social-worker', TODAY)).toBe('2030-05-31');
    expect(certifiedUntil([{ ...certificate, expiresOn: '2026-11-26' }], 'social-worker', TODAY)).toBeNull();
    expect(certifiedUntil([{ ...certificate, expiresOn: TODAY }], 'social-worker', TODAY)).toBe(TODAY);
  });
});

describe("a worker's problems beyond the schema", () => {
  it('needs a level and a certificate in force at it for a certified social worker', () => {
    const body: WorkerBody = {
      organizationId: 'org-x',
      kind: 'certified-social-worker',
      level: 'social-worker',
      name: '陈敏',
    };
    expect(workerProblems(body, null, [], TODAY)).toEqual([
      {
        path: '/body/level',
        message: `a certified-social-worker at social-worker needs a certificate at that level in force on ${TODAY} (give one in certificate)`,
      },
    ]);
    expect(workerProblems({ ...body, certificate }, null, [], TODAY)).toEqual([]);
    expect(workerProblems(body, null, [certificate], TODAY)).toEqual([]);
    expect(workerProblems({ ...body, level: undefined }, null, [], TODAY)).toEqual([
      { path: '/body/level', message: 'is required for a certified-social-worker' },
    ]);
  });

  it('keeps levels, schools and leaving dates where they belong, and certificate dates in order', () => {
    const paths = (body: WorkerBody) => workerProblems(body, null, [], TODAY).map((p) => p.path);
    expect(paths({ ...intern, level: 'social-worker' })).toEqual(['/body/level']);
    expect(paths({ ...intern, kind: 'volunteer' })).toEqual(['/body/school', '/body/internshipEndsOn']);
    expect(paths({ ...intern, leftOn: '2026-11-01' })).toEqual(['/body/leftOn']);
    expect(paths({ ...intern, certificate: { ...certificate, expiresOn: '2024-06-01' } })).toEqual([
      '/body/certificate/expiresOn',
    ]);
  });

  it('names the slot that is backwards or overlaps another of its weekday', () => {
    expect(
      availabilityProblems([
        { weekday: 2, from: '09:00', to: '12:00' },
        { weekday: 3, from: '09:00', to: '12:00' },
        { weekday: 2, from: '11:30', to: '13:00' },
        { weekday: 4, from: '14:00', to: '14:00' },
        { weekday: 2, from: '12:00', to: '13:00' },
      ]),
    ).toEqual([
      { path: '/body/availability/2', message: 'overlaps slot 0 on weekday 2' },
      { path: '/body/availability/3', message: 'from (14:00) must be before to (14:00)' },
      { path: '/body/availability/4', message: 'overlaps slot 2 on weekday 2' },
    ]);
  });
});

describe('registering and changing a worker', () => {
  it('registers at revision 1 with one event and no personal fields on the wire', () => {
    const change = applyWorkerPut(null, 'w-1', intern, none, TODAY, 'admin');
    expect(change.state.revision).toBe(1);
    expect(change.facts).toHaveLength(1);
    expect(change.facts[0].type).toBe('sanshe.talent.worker.registered.v1');
    expect(change.facts[0].data).toEqual({
      workerId: 'w-1',
      organizationId: 'org-x',
      kind: 'intern',
      status: 'active',
      revision: 1,
      skills: ['group-work'],
      internshipEndsOn: '2027-06-30',
      retainedFromIntern: false,
    });
  });

  it('changes nothing for the same body, and nothing when only an older certificate was added', () => {
    const state = registered(intern);
    expect(applyWorkerPut(state, 'w-1', intern, none, TODAY, 'admin')).toEqual({ state, facts: [], career: null });
    expect(applyCertificate(state, '2030-05-31', '2030-05-31').facts).toEqual([]);
  });

  it('records an intern kept on as community staff on the career path, retained from the internship', () => {
    const staff: WorkerBody = {
      organizationId: 'org-x',
      kind: 'community-staff',
      name: '王小明',
      careerNote: '实习期满留用',
    };
    const change = applyWorkerPut(registered(intern), 'w-1', staff, none, TODAY, 'admin');
    expect(change.career).toEqual({ fromKind: 'intern', toKind: 'community-staff', note: '实习期满留用' });
    expect(change.state).toMatchObject({ revision: 2, retainedFromIntern: true, school: null });
    expect(change.facts[0]).toMatchObject({
      type: 'sanshe.talent.worker.updated.v1',
      data: { retainedFromIntern: true },
    });
    // Later certified: still retained from the internship.
    const certified = { ...staff, kind: 'certified-social-worker' as const, level: 'social-worker' as const };
    const next = applyWorkerPut(change.state, 'w-1', certified, { before: null, after: '2030-05-31' }, TODAY, 'admin');
    expect(next.state.retainedFromIntern).toBe(true);
    expect(next.facts[0].data).toMatchObject({ certifiedUntil: '2030-05-31', level: 'social-worker' });
  });

  it('does not count an intern who becomes a volunteer as retained', () => {
    const volunteer: WorkerBody = { organizationId: 'org-x', kind: 'volunteer', name: '王小明' };
    const change = applyWorkerPut(registered(intern), 'w-1', volunteer, none, TODAY, 'admin');
    expect(change.career).toEqual({ fromKind: 'intern', toKind: 'volunteer', note: null });
    expect(change.state.retainedFromIntern).toBe(false);
  });

  it('dates a leaving today unless told, and keeps the date on an unchanged PUT', () => {
    const left = applyWorkerPut(registered(intern), 'w-1', { ...intern, status: 'left' }, none, TODAY, 'admin');
    expect(left.state).toMatchObject({ status: 'left', leftOn: TODAY });
    const again = applyWorkerPut(left.state, 'w-1', { ...intern, status: 'left' }, none, '2026-12-01', 'admin');
    expect(again.facts).toEqual([]);
    const back = applyWorkerPut(left.state, 'w-1', intern, none, TODAY, 'admin');
    expect(back.state).toMatchObject({ status: 'active', leftOn: null, revision: 3 });
  });

  it('publishes a certificate in force that changed', () => {
    const state = registered(intern);
    const change = applyCertificate(state, null, '2030-05-31');
    expect(change.state.revision).toBe(2);
    expect(workerFact(change.state, null, 'updated').id).toBe('sanshe.talent.worker.updated.v1:w-1:2');
  });
});
