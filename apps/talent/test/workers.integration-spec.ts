import { auditor, call, newId, orgAdmin, orgStaff, registerWorker, talentAdmin, workerBody } from './talent.fixtures';
import { startTalentUnderTest, type TalentUnderTest } from './talent-test-app';
import { EducationSweeper } from '../src/education/application/education-sweeper';
import { todayInShanghai } from '../src/workers/application/worker-access';

const PERSONAL = ['name', 'phone', 'school'];

describe('talent: workers and continuing education on the real servers', () => {
  let svc: TalentUnderTest;
  const orgX = newId('org');
  const orgY = newId('org');

  beforeAll(async () => {
    // Warn of shortfalls from 1 January, so the sweeper's test holds on any day of the year.
    svc = await startTalentUnderTest({ env: { TALENT_EDUCATION_WARN_FROM: '01-01' } });
  }, 60_000);
  afterAll(() => svc?.close());

  /** The events of `subject` in the outbox, their data readable field by field. */
  const facts = async (subject: string) =>
    (await svc.outboxOf(subject)).map((e) => ({ type: e.type, data: e.data as Record<string, unknown> }));
  const workerRows = (workerId: string) =>
    svc.query(`SELECT worker_id FROM "${svc.schema}".worker WHERE worker_id = $1`, [workerId]);

  describe('workers', () => {
    it('registers (201, one event), changes nothing on the same body (200, no event), then updates (200, one more)', async () => {
      const workerId = newId('sw');
      const body = workerBody(orgX);
      const first = await call(svc, 'PUT', `/workers/${workerId}`, orgStaff(orgX), body);
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({
        workerId,
        kind: 'certified-social-worker',
        level: 'social-worker',
        revision: 1,
      });
      const again = await call(svc, 'PUT', `/workers/${workerId}`, orgStaff(orgX), body);
      expect(again.status).toBe(200);
      expect(again.body.revision).toBe(1);
      const changed = await call(svc, 'PUT', `/workers/${workerId}`, orgAdmin(orgX), {
        ...body,
        skills: ['case-work'],
      });
      expect(changed.status).toBe(200);
      expect(changed.body.revision).toBe(2);

      const events = await facts(workerId);
      expect(events.map((e) => [e.type, e.data.revision])).toEqual([
        ['sanshe.talent.worker.registered.v1', 1],
        ['sanshe.talent.worker.updated.v1', 2],
      ]);
      expect(events[0].data).toMatchObject({ certifiedUntil: '2030-05-31', skills: ['case-work', 'elderly-care'] });
      for (const event of events) for (const field of PERSONAL) expect(event.data).not.toHaveProperty(field);
      const certificates = await call<unknown[]>(svc, 'GET', `/workers/${workerId}/certificates`, orgAdmin(orgX));
      expect(certificates.body).toHaveLength(1);
    });

    it('registers a worker once when two PUTs race: one 201, the other a change on top of it (200)', async () => {
      const workerId = newId('sw');
      const replies = await Promise.all(
        [['case-work'], ['group-work']].map((skills) =>
          call(svc, 'PUT', `/workers/${workerId}`, orgAdmin(orgX), workerBody(orgX, { skills })),
        ),
      );
      expect(replies.map((r) => r.status).sort()).toEqual([200, 201]);
      expect((await facts(workerId)).map((e) => [e.type, e.data.revision])).toEqual([
        ['sanshe.talent.worker.registered.v1', 1],
        ['sanshe.talent.worker.updated.v1', 2],
      ]);
    });

    // Each field well formed, a rule between fields broken: 422 as documented (was 400, which Schemathesis counted a
    // schema-valid request rejected); a malformed field stays 400.
    it.each([
      ['an unknown skill', { skills: ['case-work', 'juggling'] }, '/body/skills/1', 400],
      [
        'a backwards slot',
        {
          availability: [
            { weekday: 1, from: '09:00', to: '10:00' },
            { weekday: 1, from: '15:00', to: '14:00' },
          ],
        },
        '/body/availability/1',
        422,
      ],
      [
        'a weekday 8',
        { availability: [{ weekday: 8, from: '09:00', to: '10:00' }] },
        '/body/availability/0/weekday',
        400,
      ],
      [
        'a certificate expiring before issue',
        { certificate: { level: 'social-worker', number: 'X-1', issuedOn: '2024-01-01', expiresOn: '2023-01-01' } },
        '/body/certificate/expiresOn',
        422,
      ],
      ['a certified worker without a certificate', { certificate: undefined }, '/body/level', 422],
      [
        'a certificate at another level',
        {
          certificate: {
            level: 'assistant-social-worker',
            number: 'A-1',
            issuedOn: '2024-01-01',
            expiresOn: '2030-01-01',
          },
        },
        '/body/level',
        422,
      ],
      ['an unknown field', { nickname: '敏' }, '/body/nickname', 400],
    ])('refuses %s naming the field, writing nothing', async (_what, overrides, path, status) => {
      const workerId = newId('sw');
      const reply = await call<{ problems: { path: string }[] }>(
        svc,
        'PUT',
        `/workers/${workerId}`,
        orgAdmin(orgX),
        workerBody(orgX, overrides),
      );
      expect(reply.status).toBe(status);
      expect(reply.body.problems.map((p) => p.path)).toContain(path);
      expect(await workerRows(workerId)).toEqual([]);
      expect(await svc.outboxOf(workerId)).toEqual([]);
    });

    it('refuses no token (401) and another organization’s staff or an auditor (403), writing nothing', async () => {
      const workerId = newId('sw');
      expect((await call(svc, 'PUT', `/workers/${workerId}`, null, workerBody(orgX))).status).toBe(401);
      expect((await call(svc, 'PUT', `/workers/${workerId}`, orgStaff(orgY), workerBody(orgX))).status).toBe(403);
      expect((await call(svc, 'PUT', `/workers/${workerId}`, auditor(), workerBody(orgX))).status).toBe(403);
      expect(await workerRows(workerId)).toEqual([]);

      const { workerId: existing } = await registerWorker(svc, orgX);
      const moved = await call(svc, 'PUT', `/workers/${existing}`, orgStaff(orgY), workerBody(orgY));
      expect(moved.status).toBe(403);
      const certificate = { level: 'social-worker', number: 'Y-1', issuedOn: '2025-01-01', expiresOn: '2031-01-01' };
      expect((await call(svc, 'POST', `/workers/${existing}/certificates`, orgStaff(orgY), certificate)).status).toBe(
        403,
      );
      expect((await facts(existing)).map((e) => e.data.revision)).toEqual([1]);

      // A worker of no organization is the talent office's alone.
      const independent = newId('sw');
      const body = workerBody(orgX, { organizationId: null });
      expect((await call(svc, 'PUT', `/workers/${independent}`, orgAdmin(orgX), body)).status).toBe(403);
      expect((await call(svc, 'PUT', `/workers/${independent}`, talentAdmin(), body)).status).toBe(201);
      const byOrg = await call(svc, 'PUT', `/workers/${independent}`, orgAdmin(orgX), workerBody(orgX));
      expect(byOrg.status).toBe(403);
      const noOrganization = await call<{ problems: { path: string }[] }>(svc, 'GET', '/workers', auditor());
      expect(noOrganization.body.problems.map((p) => p.path)).toEqual(['/query/organizationId']);
    });

    it('shows name, phone and school to the worker’s organization, the talent office and auditors only', async () => {
      const { workerId } = await registerWorker(svc, orgX, {
        kind: 'intern',
        level: undefined,
        certificate: undefined,
        school: '华东理工大学',
        internshipEndsOn: '2027-06-30',
      });
      for (const reader of [orgStaff(orgX), talentAdmin(), auditor()]) {
        const seen = await call(svc, 'GET', `/workers/${workerId}`, reader);
        expect(seen.body).toMatchObject({ name: '陈敏', phone: '13800138000', school: '华东理工大学' });
      }
      const other = await call(svc, 'GET', `/workers/${workerId}`, orgAdmin(orgY));
      expect(other.status).toBe(200);
      for (const field of PERSONAL) expect(other.body).not.toHaveProperty(field);
      const listed = await call<Record<string, unknown>[]>(
        svc,
        'GET',
        `/workers?organizationId=${orgX}`,
        orgAdmin(orgY),
      );
      expect(listed.body.find((w) => w.workerId === workerId)).not.toHaveProperty('name');
      expect((await call(svc, 'GET', `/workers/${newId('sw')}`, orgAdmin(orgX))).status).toBe(404);
    });

    it('records the career path: an intern kept on as staff is retained; leaving is dated', async () => {
      const { workerId } = await registerWorker(svc, orgX, {
        kind: 'intern',
        level: undefined,
        certificate: undefined,
        school: '上海大学',
        internshipEndsOn: '2026-12-31',
      });
      const kept = await call(svc, 'PUT', `/workers/${workerId}`, orgAdmin(orgX), {
        ...workerBody(orgX, { kind: 'community-staff', level: undefined, certificate: undefined }),
        careerNote: '实习期满留用',
      });
      expect(kept.body).toMatchObject({ kind: 'community-staff', retainedFromIntern: true, school: null });
      const left = await call(svc, 'PUT', `/workers/${workerId}`, orgAdmin(orgX), {
        ...workerBody(orgX, { kind: 'community-staff', level: undefined, certificate: undefined }),
        status: 'left',
        leftOn: '2026-11-20',
      });
      expect(left.body).toMatchObject({ status: 'left', leftOn: '2026-11-20', revision: 3 });
      const career = await call<Record<string, unknown>[]>(svc, 'GET', `/workers/${workerId}/career`, auditor());
      expect(career.body).toMatchObject([
        { seq: 1, fromKind: 'intern', toKind: 'community-staff', note: '实习期满留用' },
      ]);
      const events = await facts(workerId);
      expect(events.map((e) => [e.data.kind, e.data.status, e.data.retainedFromIntern])).toEqual([
        ['intern', 'active', false],
        ['community-staff', 'active', true],
        ['community-staff', 'left', true],
      ]);
    });

    it('publishes a new certificate in force at the worker’s level, and nothing for an older one', async () => {
      const { workerId } = await registerWorker(svc, orgX);
      const renewal = { level: 'social-worker', number: 'SW-R', issuedOn: '2026-01-01', expiresOn: '2032-01-01' };
      const added = await call(svc, 'POST', `/workers/${workerId}/certificates`, orgStaff(orgX), renewal);
      expect(added.status).toBe(201);
      expect(added.body).toMatchObject({ workerId, number: 'SW-R', expiresOn: '2032-01-01' });
      const older = { ...renewal, number: 'SW-O', issuedOn: '2020-01-01', expiresOn: '2025-01-01' };
      expect((await call(svc, 'POST', `/workers/${workerId}/certificates`, orgStaff(orgX), older)).status).toBe(201);
      // Both dates well formed, expiring on the day of issue: a rule between fields, 422 as documented (was 400).
      const sameDay = { ...renewal, number: 'SW-S', expiresOn: renewal.issuedOn };
      const refused = await call(svc, 'POST', `/workers/${workerId}/certificates`, orgStaff(orgX), sameDay);
      expect(refused).toMatchObject({ status: 422, body: { problems: [{ path: '/body/expiresOn' }] } });
      const events = await facts(workerId);
      expect(events.map((e) => [e.data.revision, e.data.certifiedUntil])).toEqual([
        [1, '2030-05-31'],
        [2, '2032-01-01'],
      ]);
      const seenByOther = await call<Record<string, unknown>[]>(
        svc,
        'GET',
        `/workers/${workerId}/certificates`,
        orgAdmin(orgY),
      );
      for (const certificate of seenByOther.body) expect(certificate).not.toHaveProperty('number');
    });
  });
  describe('continuing education', () => {
    const today = todayInShanghai();
    const plusDays = (days: number) =>
      new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    const program = (hours: number) => ({
      programId: newId('prog'),
      title: '老年个案工作实务',
      hours,
      provider: '徐汇区社工协会',
    });

    it('lets only a talent-admin add a program, once', async () => {
      const body = program(12.5);
      expect((await call(svc, 'POST', '/training-programs', orgAdmin(orgX), body)).status).toBe(403);
      expect((await call(svc, 'POST', '/training-programs', talentAdmin(), body)).status).toBe(201);
      const again = await call(svc, 'POST', '/training-programs', talentAdmin(), { ...body, title: '另一个' });
      expect(again).toMatchObject({ status: 409, body: { code: 'program-exists' } });
      const bad = await call<{ problems: { path: string }[] }>(svc, 'POST', '/training-programs', talentAdmin(), {
        ...program(0),
        programId: newId('prog'),
      });
      expect(bad.status).toBe(400);
      expect(bad.body.problems.map((p) => p.path)).toEqual(['/body/hours']);
    });

    it('records a completion by the worker’s organization with talent.training.completed, once', async () => {
      const { workerId } = await registerWorker(svc, orgX);
      const prog = program(12.5);
      await call(svc, 'POST', '/training-programs', talentAdmin(), prog);
      const path = `/workers/${workerId}/training-completions`;
      const body = { programId: prog.programId, completedOn: today };
      expect((await call(svc, 'POST', path, orgStaff(orgY), body)).status).toBe(403);
      const tooMany = await call<{ problems: { path: string }[] }>(svc, 'POST', path, orgStaff(orgX), {
        ...body,
        hours: 13,
      });
      // Well formed, past the stored program's hours or in the future: rules no schema states, 422 (was 400).
      expect(tooMany.status).toBe(422);
      expect(tooMany.body.problems.map((p) => p.path)).toEqual(['/body/hours']);
      const future = await call<{ problems: { path: string }[] }>(svc, 'POST', path, orgStaff(orgX), {
        ...body,
        completedOn: plusDays(1),
      });
      expect(future.status).toBe(422);
      expect(future.body.problems.map((p) => p.path)).toEqual(['/body/completedOn']);
      expect((await call(svc, 'POST', path, orgStaff(orgX), { ...body, programId: newId('prog') })).status).toBe(404);
      expect((await facts(workerId)).map((e) => e.type)).toEqual(['sanshe.talent.worker.registered.v1']);

      expect((await call(svc, 'POST', path, orgStaff(orgX), body)).status).toBe(201);
      expect((await call(svc, 'POST', path, orgAdmin(orgX), body)).body).toMatchObject({ code: 'completion-exists' });
      const completed = (await facts(workerId)).filter((e) => e.type === 'sanshe.talent.training.completed.v1');
      expect(completed.map((e) => e.data)).toEqual([
        { workerId, organizationId: orgX, programId: prog.programId, hours: 12.5, completedOn: today },
      ]);
      // 2 points per hour of training, floored: 12.5 h → 25.
      const rewards = await call(svc, 'GET', `/workers/${workerId}/rewards`, orgAdmin(orgX));
      expect(rewards.body).toMatchObject({ balance: 25 });
      const year = await call(svc, 'GET', `/workers/${workerId}/education`, orgAdmin(orgY));
      expect(year.body).toMatchObject({
        level: 'social-worker',
        requiredHours: 30,
        completedHours: 12.5,
        shortfallHours: 17.5,
      });
    });

    it('warns once of a shortfall and of a certificate expiring within 90 days, however often it sweeps', async () => {
      const expiresOn = plusDays(65);
      const certificate = { level: 'social-worker', number: 'SW-E', issuedOn: '2021-01-01', expiresOn };
      const { workerId: short } = await registerWorker(svc, orgX, { certificate });
      const { workerId: done } = await registerWorker(svc, orgX);
      const prog = program(12.5);
      const full = program(30);
      await call(svc, 'POST', '/training-programs', talentAdmin(), prog);
      await call(svc, 'POST', '/training-programs', talentAdmin(), full);
      await call(svc, 'POST', `/workers/${short}/training-completions`, orgStaff(orgX), {
        programId: prog.programId,
        completedOn: today,
      });
      await call(svc, 'POST', `/workers/${done}/training-completions`, orgStaff(orgX), {
        programId: full.programId,
        completedOn: today,
      });

      const sweeper = svc.app.get(EducationSweeper);
      expect(await sweeper.sweepNow(today)).toBeGreaterThanOrEqual(2);
      // The second sweep finds every warning claimed (talent_notice outlives the outbox's pruned rows).
      expect(await sweeper.sweepNow(today)).toBe(0);
      const notices = await svc.query(`SELECT notice_key FROM "${svc.schema}".talent_notice WHERE worker_id = $1`, [
        short,
      ]);
      expect(notices).toHaveLength(2);
      const warnings = (await facts(short)).filter(
        (e) => e.type !== 'sanshe.talent.worker.registered.v1' && e.type !== 'sanshe.talent.training.completed.v1',
      );
      expect(warnings).toEqual([
        {
          type: 'sanshe.talent.education.shortfall-detected.v1',
          data: {
            workerId: short,
            organizationId: orgX,
            level: 'social-worker',
            year: Number(today.slice(0, 4)),
            requiredHours: 30,
            completedHours: 12.5,
            shortfallHours: 17.5,
          },
        },
        {
          type: 'sanshe.talent.certificate.expiring.v1',
          data: expect.objectContaining({
            workerId: short,
            organizationId: orgX,
            level: 'social-worker',
            expiresOn,
            daysLeft: 65,
          }),
        },
      ]);
      expect((await facts(done)).map((e) => e.type)).toEqual([
        'sanshe.talent.worker.registered.v1',
        'sanshe.talent.training.completed.v1',
      ]);
    });
  });
});
