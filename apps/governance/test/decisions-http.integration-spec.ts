import { type DynamicModule, Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { authConfigOf, AuthModule } from '@sanshe/auth';
import { HealthModule, MetricsModule, parseExposition } from '@sanshe/nest-platform';
import { migrate, PostgresModule } from '@sanshe/persistence';
import { bearer, devToken, type ServiceUnderTest, startServiceUnderTest, uniqueName } from '@sanshe/testing';
import { migrations } from '../migrations';
import { ReadDecisionHandler } from '../src/decisions/application/read-decision';
import { DecisionMetrics } from '../src/decisions/infrastructure/decision-metrics';
import { DecisionAuditRepository } from '../src/decisions/domain/decision-audit.repository';
import { PostgresDecisionAuditRepository } from '../src/decisions/infrastructure/postgres-decision-audit.repository';
import { DecisionsController } from '../src/decisions/interface/http/decisions.controller';
import { closedTrail } from './closed-trail-fixture';
import { serviceConfig } from './policies-test-app';

// GET /decisions/{id}(/audit) on the real guard and PostgreSQL, in a schema of this run's own, with no
// Kafka bridge or worker (the end-to-end spec in apps/platform-e2e runs a decision to its end).
const schema = uniqueName('governance_decisions').replace(/-/g, '_');

@Module({})
class DecisionsHttpTestApp {}

const testApp = (): DynamicModule => ({
  module: DecisionsHttpTestApp,
  imports: [
    HealthModule,
    MetricsModule,
    AuthModule.forRoot(authConfigOf(serviceConfig, serviceConfig.stateDir)),
    PostgresModule.forRootAsync({ useFactory: () => ({ url: serviceConfig.DATABASE_URL, schema, poolSize: 2 }) }),
  ],
  controllers: [DecisionsController],
  providers: [
    ReadDecisionHandler,
    { provide: DecisionAuditRepository, useClass: PostgresDecisionAuditRepository },
    DecisionMetrics,
  ],
});

const CLOSED = 'decision/activity-proposal/http-closed';
const OPEN = 'decision/activity-proposal/http-open';
const decision = closedTrail(CLOSED);
let svc: ServiceUnderTest;

const get = async (path: string, token?: string) => {
  const auth = token ?? (await devToken({ sub: 'anyone', parties: [], roles: [] }));
  const response = await fetch(`${svc.baseUrl}${path}`, { headers: bearer(auth) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

beforeAll(async () => {
  await migrate({ url: serviceConfig.DATABASE_URL, schema, migrations });
  svc = await startServiceUnderTest('governance', testApp());
  const database = svc.app.get<DataSource>(getDataSourceToken());
  await database.transaction((manager) =>
    svc.app.get(DecisionAuditRepository).store(manager, decision.closed, decision.trail),
  );
  await database.query(
    `INSERT INTO "${schema}".pending_decision
       (decision_id, kind, subject_id, community_code, title, round, stage, audit_seq, pending)
     VALUES ($1, 'activity-proposal', 'http-open', 't', 'Still open', 1, 'voting', 1, '[]')`,
    [OPEN],
  );
}, 60_000);

afterAll(async () => {
  await svc.app.get<DataSource>(getDataSourceToken()).query(`DROP SCHEMA "${schema}" CASCADE`);
  await svc.close();
});

describe('GET /decisions/{decisionId} and /audit', () => {
  it('serves a closed decision and its trail, with the id’s slashes as they are or encoded', async () => {
    expect(await get(`/decisions/${CLOSED}`)).toEqual({ status: 200, body: decision.closed });
    expect(await get(`/decisions/${encodeURIComponent(CLOSED)}`)).toEqual({ status: 200, body: decision.closed });
    expect(await get(`/decisions/${CLOSED}/audit`)).toEqual({ status: 200, body: decision.trail });
    expect(await get(`/decisions/${encodeURIComponent(CLOSED)}/audit`)).toEqual({ status: 200, body: decision.trail });
  });

  it('answers 404 with the reason for a decision still open', async () => {
    for (const path of [`/decisions/${OPEN}`, `/decisions/${OPEN}/audit`]) {
      const answer = await get(path);
      expect(answer).toMatchObject({ status: 404, body: { code: 'open-decision' } });
      expect(answer.body.message).toBe(
        `decision ${OPEN} is still open: its audit trail is stored when it closes (the workflow's audit query has it until then)`,
      );
    }
  });

  it('answers 404 with the reason for an unknown decision', async () => {
    const answer = await get('/decisions/decision/activity-proposal/nope/audit');
    expect(answer).toEqual({
      status: 404,
      body: {
        statusCode: 404,
        code: 'unknown-decision',
        message: 'no decision decision/activity-proposal/nope is known to governance',
      },
    });
  });

  it('takes any valid token, and refuses a request without one', async () => {
    const response = await fetch(`${svc.baseUrl}/decisions/${CLOSED}`);
    expect(response.status).toBe(401);
    expect(
      (await get(`/decisions/${CLOSED}`, await devToken({ sub: 'resident-9', parties: [], roles: [] }))).status,
    ).toBe(200);
  });
});

describe('GET /metrics: open decisions from the read model', () => {
  it('counts open decisions by kind and stage, and those whose unvoted party is past its deadline — no id as a label', async () => {
    const past = new Date(Date.now() - 3_600_000).toISOString();
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const pending = (entries: [string, string][]) =>
      JSON.stringify(entries.map(([partyId, deadline]) => ({ partyId, deadline })));
    const rows: [string, string, string, number, string][] = [
      ['decision/activity-proposal/m-overdue', 'activity-proposal', 'voting', 1, pending([['community:m1', past]])],
      ['decision/activity-proposal/m-voted', 'activity-proposal', 'voting', 2, pending([['community:m2', past]])],
      ['decision/grant-award/m-escalated', 'grant-award', 'escalated', 1, pending([['funder:m3', future]])],
    ];
    for (const [id, kind, stage, round, parties] of rows)
      await svc.app.get<DataSource>(getDataSourceToken()).query(
        `INSERT INTO "${schema}".pending_decision
           (decision_id, kind, subject_id, community_code, title, round, stage, audit_seq, pending)
         VALUES ($1, $2, $1, 't', 'metrics', $3, $4, 1, $5::jsonb)`,
        [id, kind, round, stage, parties],
      );
    // The party of m-voted has voted in its round: not overdue.
    await svc.app
      .get<DataSource>(getDataSourceToken())
      .query(`INSERT INTO "${schema}".pending_vote (decision_id, party_id, round) VALUES ($1, $2, 2)`, [
        'decision/activity-proposal/m-voted',
        'community:m2',
      ]);
    const response = await fetch(`${svc.baseUrl}/metrics`); // no token: as /health
    expect(response.status).toBe(200);
    const { samples } = parseExposition(await response.text());
    const of = (name: string) =>
      samples.filter((sample) => sample.name === name).map(({ labels, value }) => ({ labels, value }));
    expect(of('sanshe_decisions_open')).toEqual(
      expect.arrayContaining([
        { labels: { kind: 'activity-proposal', stage: 'voting' }, value: 3 }, // with the OPEN one above
        { labels: { kind: 'grant-award', stage: 'escalated' }, value: 1 },
      ]),
    );
    expect(of('sanshe_decisions_open')).toHaveLength(2);
    expect(of('sanshe_decisions_past_deadline')).toEqual([{ labels: { kind: 'activity-proposal' }, value: 1 }]);
    const labelValues = samples.flatMap((sample) => Object.values(sample.labels));
    expect(labelValues.filter((value) => /decision\/|community:|funder:|m-overdue/.test(value))).toEqual([]);
  });
});
