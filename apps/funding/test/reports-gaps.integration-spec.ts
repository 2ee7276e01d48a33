import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { createEvent, type SansheEvent } from '@sanshe/contracts';
import { openRequestBodyObjects } from '@sanshe/service-testing';
import { uniqueName } from '@sanshe/testing';
import type { FundingActivities } from '@sanshe/workflows';
import { FundingGapSweeper } from '../src/gaps/application/funding-gap-sweeper';
import { ApplyGrantDecision } from '../src/grants/application/apply-grant-decision';
import { AwardGrantHandler } from '../src/grants/application/award-grant';
import { SettleDuePaymentsLoop } from '../src/payments/application/settle-due-payments';
import { FundingTemporalActivities } from '../src/worker/infrastructure/funding-activities';
import {
  auditor,
  call,
  COMMUNITY,
  FUNDER,
  funderAdmin,
  funderStaff,
  newId,
  openProgram,
  orgAdmin,
  orgStaff,
} from './funding.fixtures';
import { type FundingUnderTest, startFundingUnderTest } from './funding-test-app';

/**
 * Reports and funding-gap warnings on the real PostgreSQL, over grants made by the real use cases: programs
 * opened over HTTP, awards by AwardGrantHandler (the application row seeded in SQL), activation by
 * governance's decided outcome (ApplyGrantDecision: accounts, reservation, tranches), payments, clawbacks
 * and releases by funding's activity functions. The figures are checked against sums done by hand.
 */
let svc: FundingUnderTest;
let activities: FundingActivities;
let dataSource: DataSource;

beforeAll(async () => {
  svc = await startFundingUnderTest({ env: { FUNDING_PAYMENT_SETTLE_MS: '3600000' } });
  activities = svc.app.get(FundingTemporalActivities).activities();
  dataSource = svc.app.get<DataSource>(getDataSourceToken());
}, 60_000);
afterAll(() => svc?.close());

const OTHER_FUNDER = `funder:${uniqueName('other-fund')}`;
const [ORG_X, ORG_Y, ORG_Z] = [newId('org-x'), newId('org-y'), newId('org-z')];
const [C1, C2, C3] = [COMMUNITY, '310104-005-002', '310104-005-003'];
const AN_HOUR_ON = () => new Date(Date.now() + 3_600_000);
const settleDue = () => svc.app.get(SettleDuePaymentsLoop).settleDueNow(AN_HOUR_ON());
const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const shanghaiMonth = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);

/** An application of `organizationId` to the program (seeded), awarded by the funder: a grant awaiting its decision. */
async function awardedGrant(programId: string, organizationId: string, communityCode: string, requestedFen: number) {
  const applicationId = newId('app');
  await svc.query(
    `INSERT INTO ${svc.schema}.application (application_id, proposal_id, program_id, organization_id, community_code,
       category, title, requested_fen, currency, status, eligible)
     VALUES ($1, $2, $3, $4, $5, NULL, '社区长者助餐', $6, 'CNY', 'received', true)`,
    [applicationId, newId('prop'), programId, organizationId, communityCode, requestedFen],
  );
  const { grantId } = await svc.app.get(AwardGrantHandler).execute({ applicationId, awardedBy: 'test-funder' });
  return grantId;
}

/** Governance's grant-award outcome for the grant, applied as funding's inbox applies it. */
async function decide(grantId: string, communityCode: string, result: 'approved' | 'rejected') {
  const decisionId = `decision/grant-award/${grantId}`;
  const decided = createEvent({
    type: 'sanshe.governance.decision.decided.v1',
    source: 'sanshe/governance',
    subject: decisionId,
    data: {
      ...{ decisionId, kind: 'grant-award', subjectId: grantId, communityCode, result },
      ...{ decidedBy: 'votes', level: 0, reason: 'weight reached quorum', auditLength: 3 },
      tally: { approve: 3, object: 0, abstain: 0, pending: 0, total: 3, quorum: 3 },
      auditHash: 'a'.repeat(64),
    },
  } as never) as SansheEvent<'sanshe.governance.decision.decided.v1'>;
  await dataSource.transaction((manager) => svc.app.get(ApplyGrantDecision).decided(decided, manager));
  const [grant] = await svc.query<{ status: string; tranches: { dueDate: string }[] | null }>(
    `SELECT status, tranches FROM ${svc.schema}."grant" WHERE grant_id = $1`,
    [grantId],
  );
  expect(grant.status).toBe(result === 'approved' ? 'active' : 'voided');
  return grant;
}

/** A grant awarded and approved: active, its award reserved and its tranches scheduled from today. */
async function activeGrant(programId: string, organizationId: string, communityCode: string, requestedFen: number) {
  const grantId = await awardedGrant(programId, organizationId, communityCode, requestedFen);
  const grant = await decide(grantId, communityCode, 'approved');
  return { grantId, firstDue: String(grant.tranches?.[0]?.dueDate) };
}

async function payTranche(grantId: string, trancheNo: number) {
  await activities.payTranche({ grantId, trancheNo });
  await settleDue();
}

const flows = (query: string, who = auditor()) => call(svc, 'GET', `/reports/flows?${query}`, who);
const money = (
  awardedFen: number,
  reservedFen: number,
  paidFen: number,
  clawedBackFen: number,
  releasedFen: number,
) => ({
  ...{ currency: 'CNY', awardedFen, reservedFen, paidFen, clawedBackFen, releasedFen },
});

describe('funding flows report', () => {
  let direct: string;
  let indirect: string;
  let others: string;

  beforeAll(async () => {
    direct = (await openProgram(svc)).programId;
    indirect = (await openProgram(svc, { mode: 'indirect', category: 'service-purchase' })).programId;
    others = (await openProgram(svc, { funderId: OTHER_FUNDER })).programId;
    // grant 1: 4 800 000 at 30/40/30 → 1 440 000 paid, 500 000 of it clawed back
    const g1 = await activeGrant(direct, ORG_X, C1, 4_800_000);
    await payTranche(g1.grantId, 1);
    const claw = { grantId: g1.grantId, trancheNo: 1, amountFen: 500_000, reason: '中期评估核减' };
    await activities.requestClawback({ ...claw, decisionId: `decision/milestone-verification/${g1.grantId}-1` });
    // grant 2: 1 000 001 at 30/40/30 → 300 000 / 400 001 / 300 000; tranche 1 paid
    const g2 = await activeGrant(indirect, ORG_Y, C2, 1_000_001);
    await payTranche(g2.grantId, 1);
    // grant 3 (another funder's program): 2 000 000 reserved, then all released
    const g3 = await activeGrant(others, ORG_X, C3, 2_000_000);
    await activities.releaseReservation({ grantId: g3.grantId, reason: '项目终止' });
    // grant 4: 700 000 awarded, its decision pending (counted as awarded only); grant 5: 900 000 rejected (voided)
    await awardedGrant(direct, ORG_Y, C2, 700_000);
    await decide(await awardedGrant(direct, ORG_Y, C2, 900_000), C2, 'rejected');
  }, 60_000);

  it('sums a funder’s own programs by mode, with zh labels; the other funder’s grant is not counted', async () => {
    const report = await flows('groupBy=mode', funderStaff());
    expect(report).toMatchObject({ status: 200, body: { groupBy: 'mode', funderIds: [FUNDER] } });
    expect(report.body.rows).toEqual([
      // grants 1 and 4: 4 800 000 + 700 000 awarded, 4 800 000 reserved; the voided grant 5 counts nowhere
      { key: 'direct', label: '直接资助', grants: 2, ...money(5_500_000, 4_800_000, 1_440_000, 500_000, 0) },
      {
        ...{ key: 'indirect', label: '间接资助（政府购买服务）', grants: 1 },
        ...money(1_000_001, 1_000_001, 300_000, 0, 0),
      },
    ]);
  });

  it('sums every grant for an auditor by organization and by month, and filters by funder and period', async () => {
    expect((await flows('groupBy=organization')).body.rows).toEqual(
      [
        // grant 1 + grant 3: awarded 4 800 000 + 2 000 000
        { key: ORG_X, grants: 2, ...money(6_800_000, 6_800_000, 1_440_000, 500_000, 2_000_000) },
        // grants 2 and 4: 1 000 001 + 700 000 awarded
        { key: ORG_Y, grants: 2, ...money(1_700_001, 1_000_001, 300_000, 0, 0) },
      ].sort((a, b) => a.key.localeCompare(b.key)),
    );
    // 4 800 000 + 1 000 001 + 2 000 000 + 700 000 awarded, all but the last reserved; 1 440 000 + 300 000 paid
    expect((await flows('groupBy=month')).body.rows).toEqual([
      { key: shanghaiMonth(), grants: 4, ...money(8_500_001, 7_800_001, 1_740_000, 500_000, 2_000_000) },
    ]);
    expect((await flows(`groupBy=category&funderId=${OTHER_FUNDER}`)).body.rows).toEqual([
      { key: 'elderly-care', label: '养老', grants: 1, ...money(2_000_000, 2_000_000, 0, 0, 2_000_000) },
    ]);
    expect((await flows(`groupBy=month&programId=${indirect}`)).body.rows).toHaveLength(1);
    const tomorrow = addDays(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10), 1);
    expect((await flows(`groupBy=month&from=${tomorrow}`)).body.rows).toEqual([]);
  });

  it('shows an organization only its own grants, whatever the grouping', async () => {
    const report = await flows('groupBy=community', orgAdmin(ORG_X));
    expect(report.body).toMatchObject({ organizationIds: [ORG_X] });
    expect(report.body.rows).toEqual([
      { key: C1, grants: 1, ...money(4_800_000, 4_800_000, 1_440_000, 500_000, 0) },
      { key: C3, grants: 1, ...money(2_000_000, 2_000_000, 0, 0, 2_000_000) },
    ]);
  });

  it('refuses another funder’s flows, tokens of no funder or organization, and names a bad parameter', async () => {
    const other = await flows(`groupBy=mode&funderId=${OTHER_FUNDER}`, funderAdmin());
    expect(other).toMatchObject({ status: 403, body: { message: expect.stringContaining(OTHER_FUNDER) } });
    const clerk = { sub: 'clerk', roles: ['policy-admin'], parties: ['jurisdiction:310104'] };
    expect((await flows('groupBy=mode', clerk)).status).toBe(403);
    expect((await call(svc, 'GET', '/reports/flows?groupBy=mode', null)).status).toBe(401);
    expect(await flows('groupBy=year')).toMatchObject({
      status: 400,
      body: { problems: [{ path: '/query/groupBy' }] },
    });
    // Each parameter well formed, the range backwards: 422, as the document says (no schema states the rule).
    const backwards = await flows('groupBy=month&from=2026-06-01&to=2026-05-31');
    expect(backwards).toMatchObject({ status: 422, body: { statusCode: 422, problems: [{ path: '/query/to' }] } });
  });
});

/** The gap events written for `organizationId`, as `<detected|cleared>:<kind>:<episode>`. */
async function gapEvents(organizationId: string): Promise<string[]> {
  return (await svc.outboxOf(organizationId))
    .filter((event) => event.type.startsWith('sanshe.funding.gap.'))
    .map((event) => {
      const { kind, episode } = event.data as { kind: string; episode: number };
      return `${event.type.replace('sanshe.funding.gap.', '').replace('.v1', '')}:${kind}:${episode}`;
    });
}

describe('funding-gap warnings', () => {
  it('detects a late tranche once per episode, clears it when paid, detects again (episode 2), then a short runway', async () => {
    const programId = (await openProgram(svc, { funderId: `funder:${uniqueName('gap-fund')}` })).programId;
    const { grantId, firstDue: d0 } = await activeGrant(programId, ORG_Z, C1, 1_000_000); // due d0, d0+90, d0+180
    const sweep = (days: number) => svc.app.get(FundingGapSweeper).sweepNow(addDays(d0, days));

    await sweep(0); // tranche 1 due today: not late; funded until d0+180
    expect(await gapEvents(ORG_Z)).toEqual([]);
    await sweep(1);
    await sweep(2); // still late: the same episode
    expect(await gapEvents(ORG_Z)).toEqual(['detected:tranche-late:1']);
    const [detected] = await svc.outboxOf(ORG_Z);
    expect(detected).toMatchObject({
      id: `sanshe.funding.gap.detected.v1:${ORG_Z}:tranche-late:1`,
      source: 'sanshe/funding',
      data: { organizationId: ORG_Z, kind: 'tranche-late', grantId, trancheNo: 1, dueDate: d0, daysLate: 1 },
    });
    expect(detected.data).toMatchObject({ thresholdDays: 0, episode: 1 });

    await payTranche(grantId, 1);
    await sweep(3);
    expect(await gapEvents(ORG_Z)).toEqual(['detected:tranche-late:1', 'cleared:tranche-late:1']);

    await sweep(92); // tranche 2 (due d0+90) 2 days late; 88 days of runway left
    await sweep(120); // 60 days left: not < 60
    expect(await gapEvents(ORG_Z)).toEqual([
      'detected:tranche-late:1',
      'cleared:tranche-late:1',
      'detected:tranche-late:2',
    ]);
    await sweep(121); // 59 days left
    await sweep(121);
    expect((await gapEvents(ORG_Z)).slice(3)).toEqual(['detected:runway-short:1']);
    const runway = (await svc.outboxOf(ORG_Z)).at(-1);
    expect(runway?.data).toMatchObject({ kind: 'runway-short', fundedUntil: addDays(d0, 180), thresholdDays: 60 });

    const view = await call(svc, 'GET', `/organizations/${ORG_Z}/funding`, orgStaff(ORG_Z));
    expect(view).toMatchObject({
      status: 200,
      body: {
        secured: [{ currency: 'CNY', amountFen: 1_000_000 }],
        received: [{ currency: 'CNY', amountFen: 300_000 }],
        nextTranche: {
          grantId,
          trancheNo: 2,
          amount: { amountFen: 400_000, currency: 'CNY' },
          dueDate: addDays(d0, 90),
        },
        fundedUntil: addDays(d0, 180),
        warnDays: 60,
        gaps: [
          { kind: 'runway-short', episode: 1 },
          { kind: 'tranche-late', episode: 2, detectedOn: { grantId, trancheNo: 2, daysLate: 2 } },
        ],
      },
    });
  });

  it('shows an organization’s funding to it, to funders and auditors only', async () => {
    for (const who of [orgAdmin(ORG_X), funderStaff(OTHER_FUNDER), auditor()]) {
      const view = await call(svc, 'GET', `/organizations/${ORG_X}/funding`, who);
      expect(view).toMatchObject({ status: 200, body: { secured: [{ currency: 'CNY', amountFen: 6_800_000 }] } });
    }
    expect((await call(svc, 'GET', `/organizations/${ORG_X}/funding`, orgStaff(ORG_Y))).status).toBe(403);
    expect((await call(svc, 'GET', `/organizations/${ORG_X}/funding`, null)).status).toBe(401);
    const bad = await call(svc, 'GET', '/organizations/bad%20id/funding', auditor());
    expect(bad).toMatchObject({ status: 400, body: { problems: [{ path: '/params/organizationId' }] } });
  });

  it('documents both reads in the OpenAPI document', async () => {
    const docs = (await (await fetch(`${svc.baseUrl}/docs/openapi.json`)).json()) as {
      paths: Record<string, { get?: { parameters?: { name: string }[] } }>;
    };
    expect(docs.paths['/organizations/{organizationId}/funding']?.get).toBeDefined();
    const parameters = docs.paths['/reports/flows']?.get?.parameters?.map((p) => p.name);
    expect(parameters?.sort()).toEqual(['from', 'funderId', 'groupBy', 'programId', 'to']);
    // Each parameter as its check reads it (Schemathesis' valid values were refused 400 without them).
    const schemaOf = (path: string, name: string, method = 'get') =>
      (docs.paths[path] as Record<string, { parameters?: { name: string; schema?: object }[] }>)[
        method
      ]?.parameters?.find((p) => p.name === name)?.schema;
    expect(schemaOf('/reports/flows', 'from')).toMatchObject({ format: 'date' });
    expect(schemaOf('/reports/flows', 'programId')).toMatchObject({ pattern: expect.any(String) });
    for (const [path, name, method] of [
      ['/organizations/{organizationId}/funding', 'organizationId', 'get'],
      ['/grants/{grantId}/payments', 'grantId', 'get'],
      ['/payments/{paymentId}/retry', 'paymentId', 'post'],
      ['/programs/{programId}', 'programId', 'put'],
      ['/applications/{applicationId}/award', 'applicationId', 'post'],
      ['/grants/{grantId}/objections', 'grantId', 'post'],
      ['/decisions/{decisionId}/votes', 'decisionId', 'post'],
    ]) {
      expect([path, schemaOf(path, name, method)]).toEqual([
        path,
        expect.objectContaining({ pattern: expect.any(String) }),
      ]);
    }
  });

  it('says what the checks enforce: every request body closed, an objection’s reason, a backwards range 422', async () => {
    type Operation = { requestBody?: object; responses?: Record<string, { content?: object }> };
    const docs = (await (await fetch(`${svc.baseUrl}/docs/openapi.json`)).json()) as {
      paths: Record<string, Record<string, Operation>>;
    };
    // An object that lists its properties but takes others: a key no schema states (one holding U+0000, say) was
    // refused 400 while the document allowed it (Schemathesis, PUT /programs' tranche plan).
    expect(openRequestBodyObjects(docs)).toEqual([]);
    const vote = docs.paths['/decisions/{decisionId}/votes']?.post?.requestBody as {
      content: { 'application/json': { schema: { anyOf?: object[] } } };
    };
    expect(vote.content['application/json'].schema.anyOf).toContainEqual(
      expect.objectContaining({
        properties: expect.objectContaining({ choice: { type: 'string', enum: ['object'] } }),
        required: expect.arrayContaining(['reason']),
      }),
    );
    const flows = docs.paths['/reports/flows']?.get?.responses?.['422'];
    expect(JSON.stringify(flows?.content)).toContain('"enum":[422]');
  });
});
