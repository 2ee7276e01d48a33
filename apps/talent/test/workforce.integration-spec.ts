import type { SansheEvent } from '@sanshe/contracts';
import { WorkforceSweeper } from '../src/workforce/application/sweep-workforce';
import { auditor, call, newId, orgAdmin, orgStaff, registerWorker, talentAdmin, workerBody } from './talent.fixtures';
import { startTalentUnderTest, type TalentUnderTest } from './talent-test-app';

/**
 * Workforce health on the real PostgreSQL: every change to an organization's workers (through the workers
 * API) re-evaluates it in the change's transaction, so a crossing's risk-detected commits with the change
 * that made it, exactly once per crossing; recovery clears it; the periodic pass lets turnover decay.
 */
let svc: TalentUnderTest;

beforeAll(async () => {
  svc = await startTalentUnderTest();
}, 60_000);
afterAll(() => svc?.close());

const intern = {
  kind: 'intern',
  level: undefined,
  certificate: undefined,
  school: '华东理工大学',
  internshipEndsOn: '2027-06-30',
};
const communityStaff = { kind: 'community-staff', level: undefined, certificate: undefined };

/** The workforce events written for the organization, as `<type suffix>:<indicator>:<crossing>`. */
async function crossings(organizationId: string): Promise<string[]> {
  const events = (await svc.outboxOf(organizationId)) as SansheEvent[];
  return events
    .filter((event) => event.type.startsWith('sanshe.talent.workforce.'))
    .map((event) => {
      const data = event.data as { indicator: string; crossing: number };
      return `${event.type.replace('sanshe.talent.workforce.', '').replace('.v1', '')}:${data.indicator}:${data.crossing}`;
    });
}

const leave = (organizationId: string, workerId: string, fields: Record<string, unknown>) =>
  call(svc, 'PUT', `/workers/${workerId}`, orgAdmin(organizationId), {
    ...workerBody(organizationId, fields),
    status: 'left',
  });

describe('workforce health', () => {
  it('raises risk-detected once per crossing of the intern ratio, risk-cleared on recovery, and again on a new crossing', async () => {
    const org = newId('org-wf');
    for (let i = 0; i < 2; i += 1) await registerWorker(svc, org);
    await registerWorker(svc, org, communityStaff);
    const interns: string[] = [];
    for (let i = 0; i < 7; i += 1) interns.push((await registerWorker(svc, org, intern)).workerId);
    expect(await crossings(org)).toEqual([]); // 7/10 = 0.70: not above

    interns.push((await registerWorker(svc, org, intern)).workerId); // 8/11 = 0.7272…
    expect(await crossings(org)).toEqual(['risk-detected:intern-ratio:1']);
    const [detected] = (await svc.outboxOf(org)).filter((e) => e.type.endsWith('risk-detected.v1'));
    expect(detected).toMatchObject({
      id: `sanshe.talent.workforce.risk-detected.v1:${org}:intern-ratio:1`,
      source: 'sanshe/talent',
      data: {
        ...{ organizationId: org, indicator: 'intern-ratio', value: 0.7273, threshold: 0.7, crossing: 1 },
        figures: { certified: 2, communityStaff: 1, interns: 8, volunteers: 0, left12Months: 0 },
      },
    });

    interns.push((await registerWorker(svc, org, intern)).workerId); // 9/12: still at risk
    expect(await crossings(org)).toEqual(['risk-detected:intern-ratio:1']);

    expect((await leave(org, interns[0], intern)).status).toBe(200); // 8/11: still at risk
    expect((await leave(org, interns[1], intern)).status).toBe(200); // 7/10 = 0.70: cleared
    expect(await crossings(org)).toEqual(['risk-detected:intern-ratio:1', 'risk-cleared:intern-ratio:1']);

    await registerWorker(svc, org, intern); // 8/11 again: the second crossing
    expect(await crossings(org)).toEqual([
      'risk-detected:intern-ratio:1',
      'risk-cleared:intern-ratio:1',
      'risk-detected:intern-ratio:2',
    ]);

    expect(await svc.app.get(WorkforceSweeper).sweepNow()).toBeGreaterThan(0); // nothing new to say
    expect(await crossings(org)).toHaveLength(3);

    const read = await call(svc, 'GET', `/organizations/${org}/workforce`, orgStaff(org));
    expect(read).toMatchObject({
      status: 200,
      body: {
        figures: { certified: 2, communityStaff: 1, interns: 8, left12Months: 2 },
        indicators: { staff: 11, internRatio: 0.7273, certifiedCoverage: 0.1818 },
        thresholds: { version: 1, internRatioAbove: 0.7, turnoverAbove: 0.3, minStaff: 5 },
        judged: true,
        status: expect.arrayContaining([
          expect.objectContaining({ indicator: 'intern-ratio', status: 'at-risk', crossings: 2, aboveThreshold: true }),
        ]),
      },
    });
  });

  it('crosses once when several changes that cross come at the same time', async () => {
    const org = newId('org-race');
    for (let i = 0; i < 2; i += 1) await registerWorker(svc, org);
    await registerWorker(svc, org, communityStaff);
    for (let i = 0; i < 7; i += 1) await registerWorker(svc, org, intern); // 7/10
    await Promise.all([1, 2, 3].map(() => registerWorker(svc, org, intern))); // 8/11, 9/12, 10/13 in any order
    expect(await crossings(org)).toEqual(['risk-detected:intern-ratio:1']);
  });

  it('re-evaluates the organization a worker moves away from, too', async () => {
    const [from, to] = [newId('org-from'), newId('org-to')];
    for (let i = 0; i < 2; i += 1) await registerWorker(svc, from);
    await registerWorker(svc, from, communityStaff);
    const interns: string[] = [];
    for (let i = 0; i < 8; i += 1) interns.push((await registerWorker(svc, from, intern)).workerId); // 8/11
    expect(await crossings(from)).toEqual(['risk-detected:intern-ratio:1']);
    const moved = await call(svc, 'PUT', `/workers/${interns[0]}`, orgAdmin(from), workerBody(to, intern));
    expect(moved.status).toBe(200); // 7/10 at `from`
    expect(await crossings(from)).toEqual(['risk-detected:intern-ratio:1', 'risk-cleared:intern-ratio:1']);
  });

  it('lets turnover decay: a spike of leavings is detected, and cleared by the periodic pass once they are over a year old', async () => {
    const org = newId('org-turnover');
    const staff: string[] = [];
    for (let i = 0; i < 10; i += 1) staff.push((await registerWorker(svc, org, communityStaff)).workerId);
    await svc.query(
      `UPDATE "${svc.schema}".worker SET created_at = now() - interval '2 years' WHERE organization_id = $1`,
      [org],
    );
    for (const workerId of staff.slice(0, 3)) expect((await leave(org, workerId, communityStaff)).status).toBe(200);
    // 3 left; 7 staff now, 10 a year ago: 3 / 8.5 = 0.3529 > 0.30
    expect(await crossings(org)).toEqual(['risk-detected:turnover:1']);
    const [spike] = (await svc.outboxOf(org)).filter((e) => e.type.endsWith('risk-detected.v1'));
    expect(spike.data).toMatchObject({ value: 0.3529, figures: { left12Months: 3, headcount12MonthsAgo: 10 } });

    await svc.query(
      `UPDATE "${svc.schema}".worker SET left_on = current_date - 400 WHERE organization_id = $1 AND status = 'left'`,
      [org],
    );
    await svc.app.get(WorkforceSweeper).sweepNow();
    expect(await crossings(org)).toEqual(['risk-detected:turnover:1', 'risk-cleared:turnover:1']);
  });

  it('shows an organization’s workforce to its admin and staff, talent-admins and auditors only', async () => {
    const org = newId('org-read');
    await registerWorker(svc, org, intern);
    for (const who of [orgAdmin(org), orgStaff(org), talentAdmin(), auditor()]) {
      const read = await call(svc, 'GET', `/organizations/${org}/workforce`, who);
      expect(read).toMatchObject({ status: 200, body: { judged: false, indicators: { staff: 1, internRatio: 1 } } });
    }
    expect((await call(svc, 'GET', `/organizations/${org}/workforce`, orgStaff(newId('org-other')))).status).toBe(403);
    expect((await call(svc, 'GET', `/organizations/${org}/workforce`, null)).status).toBe(401);
    const bad = await call(svc, 'GET', '/organizations/bad%20id/workforce', auditor());
    expect(bad).toMatchObject({ status: 400, body: { problems: [{ path: '/params/organizationId' }] } });
  });
});
