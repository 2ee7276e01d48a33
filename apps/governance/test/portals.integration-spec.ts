import { type DynamicModule, Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { authConfigOf, AuthModule, type TokenRequest } from '@sanshe/auth';
import { contextTopic, type SansheEvent } from '@sanshe/contracts';
import { KafkaModule, MessagingModule } from '@sanshe/messaging';
import { HealthModule } from '@sanshe/nest-platform';
import { migrate, PostgresModule } from '@sanshe/persistence';
import {
  bearer,
  devToken,
  eventually,
  readTopicsToHighWaterMarks,
  type ServiceUnderTest,
  startServiceUnderTest,
  testKafka,
  testPlatformEndpoint,
  testTopic,
  topicEnds,
  type TopicOffsets,
  uniqueName,
} from '@sanshe/testing';
import { migrations } from '../migrations';
import { GovernanceConfigModule } from '../src/config/governance-config.module';
import { loadGovernanceConfig } from '../src/config/governance-config';
import { PartiesModule } from '../src/parties/parties.module';
import { PortalsModule } from '../src/portals/portals.module';
import { serviceConfig } from './policies-test-app';

/**
 * The portal registry on the real PostgreSQL (a migrated schema of the test's own) and the real Kafka:
 * the registry's HTTP API behind the service's bearer-token guard, the controller map it feeds, and its
 * events relayed by the outbox to governance's topic (read to the high-water marks).
 */
const schema = uniqueName('governance_portals').replace(/-/g, '_');
const GOVERNANCE_TOPIC = testTopic(contextTopic('governance')); // as the tests' processes name it

@Module({})
class PortalsTestApp {}

const testApp = (): DynamicModule => ({
  module: PortalsTestApp,
  imports: [
    HealthModule,
    AuthModule.forRoot(authConfigOf(serviceConfig, serviceConfig.stateDir)),
    GovernanceConfigModule.forRoot(loadGovernanceConfig({})),
    PostgresModule.forRootAsync({ useFactory: () => ({ url: serviceConfig.DATABASE_URL, schema, poolSize: 4 }) }),
    KafkaModule.forRootAsync({ useFactory: () => ({ clientId: schema, ...testPlatformEndpoint() }) }),
    // A consumer configured but never started: the live PortalChannels takes the inbox's group; this test
    // checks the registry, not whether a portal's commands are heard (the channels' own tests do).
    MessagingModule.forRoot({ schema, source: 'sanshe/governance', consumer: { consumer: schema, retryDelayMs: 200 } }),
    PartiesModule.forRoot([]),
    PortalsModule,
  ],
});

const OPERATOR: TokenRequest = { sub: 'operator-on-duty', parties: [], roles: ['operator'] };
const AUDITOR: TokenRequest = { sub: 'auditor-1', parties: [], roles: ['auditor'] };
const POLICY_ADMIN: TokenRequest = { sub: 'clerk-7', parties: ['jurisdiction:310104'], roles: ['policy-admin'] };

let svc: ServiceUnderTest;
let kafka: Kafka;

async function call(method: string, path: string, who: TokenRequest, body?: unknown) {
  const response = await fetch(`${svc.baseUrl}${path}`, {
    method,
    headers: { ...bearer(await devToken(who)), 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return {
    status: response.status,
    location: response.headers.get('location'),
    body: (await response.json()) as Record<string, unknown>,
  };
}

/** The registry's events about `portalId` on governance's topic, once the outbox sent everything. */
async function registryEventsOf(portalId: string, from: TopicOffsets): Promise<SansheEvent[]> {
  const database = svc.app.get<DataSource>(getDataSourceToken());
  await eventually(
    async () => {
      const [row] = await database.query<{ unsent: number }[]>(
        `SELECT count(*)::int AS unsent FROM "${schema}".outbox WHERE sent_at IS NULL`,
      );
      expect(row?.unsent).toBe(0);
    },
    { timeoutMs: 15_000 },
  );
  const records = await readTopicsToHighWaterMarks(kafka, from, await topicEnds(kafka, GOVERNANCE_TOPIC));
  return records
    .filter((record) => record.topic === GOVERNANCE_TOPIC)
    .map((record) => JSON.parse(record.value) as SansheEvent)
    .filter((event) => event.subject === portalId);
}

beforeAll(async () => {
  await migrate({ url: serviceConfig.DATABASE_URL, schema, migrations });
  svc = await startServiceUnderTest('governance', testApp());
  kafka = testKafka(schema);
}, 60_000);

afterAll(async () => {
  await svc?.app.get<DataSource>(getDataSourceToken()).query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await svc?.close();
});

describe('the portal registry', () => {
  const portalId = uniqueName('it-street');
  const fund = `funder:${portalId}-fund`;
  const registration = {
    portalId,
    name: '新华路街道办事处',
    kind: 'street-office',
    jurisdiction: ['310104-005'],
    kafkaPrincipal: `User:portal-${portalId}`,
    speaksFor: [fund],
  };

  it('refuses anyone but an operator (403) and a bad body (400, naming each field), storing nothing', async () => {
    for (const who of [AUDITOR, POLICY_ADMIN]) {
      const refused = await call('POST', '/portals', who, registration);
      expect(refused.status).toBe(403);
      expect(refused.body.message).toMatch(/needs the role operator/);
    }
    const bad = await call('POST', '/portals', OPERATOR, {
      ...registration,
      kind: 'ministry',
      jurisdiction: ['3101'],
      extra: 1,
    });
    expect(bad.status).toBe(400);
    const paths = (bad.body.problems as { path: string }[]).map((p) => p.path);
    expect(paths).toEqual(['/extra', '/kind', '/jurisdiction/0']);
    const otherPortal = await call('POST', '/portals', OPERATOR, { ...registration, speaksFor: ['portal:someone'] });
    expect(otherPortal.status).toBe(400);
    expect(otherPortal.body.problems).toEqual([
      { path: '/speaksFor/0', message: expect.stringMatching(/another portal/) },
    ]);
    expect((await call('GET', `/portals/${portalId}`, OPERATOR)).status).toBe(404);
  });

  it('the table refuses what the API refuses, whoever writes it', async () => {
    const database = svc.app.get<DataSource>(getDataSourceToken());
    const insert = (overrides: Record<string, unknown>) => {
      const row = {
        portal_id: uniqueName('it-sql'),
        kind: 'other',
        jurisdiction: ['310104'],
        speaks_for: [],
        ...overrides,
      };
      return database.query(
        `INSERT INTO "${schema}".portal (portal_id, name, kind, jurisdiction, kafka_principal, speaks_for, registered_by)
         VALUES ($1, 'n', $2, $3, 'User:u', $4, 'op')`,
        [row.portal_id, row.kind, row.jurisdiction, row.speaks_for],
      );
    };
    for (const bad of [
      { portal_id: 'Upper' },
      { kind: 'ministry' },
      { jurisdiction: [] },
      { jurisdiction: ['310104', '3101'] },
      { speaks_for: ['funder:f', 'portal:other'] },
      { speaks_for: ['not a party'] },
    ]) {
      await expect(insert(bad)).rejects.toThrow(/violates check constraint/);
    }
    await expect(insert({ speaks_for: ['funder:f'] })).resolves.toBeDefined();
  });

  it('registers a portal (201, Location) with its event on Kafka; the same again is 200, another body 409', async () => {
    const from = await topicEnds(kafka, GOVERNANCE_TOPIC);
    const created = await call('POST', '/portals', OPERATOR, registration);
    expect(created.status).toBe(201);
    expect(created.location).toBe(`/portals/${portalId}`);
    expect(created.body).toMatchObject({ ...registration, status: 'active', version: 1, registeredBy: OPERATOR.sub });

    const again = await call('POST', '/portals', OPERATOR, registration);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ version: 1 });
    const other = await call('POST', '/portals', OPERATOR, { ...registration, name: 'another office' });
    expect(other.status).toBe(409);
    expect(other.body).toMatchObject({ code: 'portal-exists', currentVersion: 1 });

    const read = await call('GET', `/portals/${portalId}`, AUDITOR);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ ...registration, status: 'active', version: 1 });
    const listed = await call('GET', '/portals', AUDITOR);
    expect(listed.body).toEqual(expect.arrayContaining([expect.objectContaining({ portalId })]));

    const events = await registryEventsOf(portalId, from);
    expect(events).toEqual([
      expect.objectContaining({
        type: 'sanshe.governance.portal.registered.v1',
        id: `sanshe.governance.portal.registered.v1:${portalId}:v1`,
        source: 'sanshe/governance',
        data: { ...registration, status: 'active', version: 1 },
      }),
    ]);
  });

  it('makes the portal the controller of itself and of the party it speaks for; nobody else may claim it', async () => {
    for (const partyId of [`portal:${portalId}`, fund]) {
      const resolved = await call('GET', `/controllers/resolve?partyId=${partyId}`, AUDITOR);
      expect(resolved.body).toEqual({
        partyId,
        controller: `portal:${portalId}`,
        channel: { topic: `sanshe.portal.${portalId}.commands`, source: `portal/${portalId}` },
      });
    }
    const rival = uniqueName('it-rival');
    const claimed = await call('POST', '/portals', OPERATOR, {
      ...registration,
      portalId: rival,
      kafkaPrincipal: `User:portal-${rival}`,
    });
    expect(claimed.status).toBe(409);
    expect(claimed.body).toMatchObject({ code: 'party-claimed', message: expect.stringContaining(fund) });
    expect((await call('GET', `/portals/${rival}`, OPERATOR)).status).toBe(404);
  });

  it('updates at the version read (a stale one is 409); a suspended portal speaks for nobody', async () => {
    const from = await topicEnds(kafka, GOVERNANCE_TOPIC);
    const refused = await call('PATCH', `/portals/${portalId}`, AUDITOR, { version: 1, status: 'suspended' });
    expect(refused.status).toBe(403);
    const suspended = await call('PATCH', `/portals/${portalId}`, OPERATOR, { version: 1, status: 'suspended' });
    expect(suspended.status).toBe(200);
    expect(suspended.body).toMatchObject({ status: 'suspended', version: 2 });
    const stale = await call('PATCH', `/portals/${portalId}`, OPERATOR, { version: 1, name: 'renamed' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'stale-version', currentVersion: 2 });
    expect((await call('GET', `/portals/${portalId}`, OPERATOR)).body).toMatchObject({ name: registration.name });

    const resolved = await call('GET', `/controllers/resolve?partyId=${fund}`, AUDITOR);
    expect(resolved.body).toMatchObject({ controller: null, channel: null });
    const events = await registryEventsOf(portalId, from);
    expect(events.map((event) => [event.type, event.data])).toEqual([
      ['sanshe.governance.portal.updated.v1', { ...registration, status: 'suspended', version: 2 }],
    ]);
  });
});

describe('a portal that would break a stored policy', () => {
  it('is refused 409 breaks-policy naming the policy, rule and controller, storing nothing (a stored policy, and a district default as a decision in its street binds it); a harmless portal is registered', async () => {
    const portalId = uniqueName('it-bloc');
    const fund = `funder:${portalId}-fund`;
    const seat = (partyId: string) => ({
      partyId,
      kind: partyId.split(':')[0],
      title: partyId,
      weight: 2,
      voteWindowHours: 72,
    });
    const policyId = `${portalId}.activities`;
    // Apart, portal:<id> and its fund (funding's) each leave the others 8 ≥ 7; as one bloc the others hold 6 < 7.
    const policy = await call('PUT', `/policies/${policyId}`, POLICY_ADMIN, {
      policyId,
      decisionKind: 'activity-proposal',
      communityCode: null,
      streetCode: '310104-005',
      title: 'Activities in the street',
      parties: [`portal:${portalId}`, fund, 'community:{communityCode}', 'organization:fed', 'talent:workers'].map(
        seat,
      ),
      quorum: 7,
      deliberationHours: 24,
      maxAmendments: 1,
      escalation: [{ arbiterId: 'portal:it-bureau', title: 'Bureau', deadlineHours: 120, defaultOutcome: 'rejected' }],
    });
    expect(policy.status).toBe(201);

    const registration = {
      portalId,
      name: '新华路街道办事处',
      kind: 'street-office',
      jurisdiction: ['310104-005'],
      kafkaPrincipal: `User:portal-${portalId}`,
      speaksFor: [fund],
    };
    const refused = await call('POST', '/portals', OPERATOR, registration);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'breaks-policy',
      message: expect.stringContaining(`policy ${policyId} (version 1): controller-veto by portal:${portalId}`),
      violations: [
        expect.objectContaining({ policyId, version: 1, rule: 'controller-veto', controller: `portal:${portalId}` }),
      ],
    });
    expect((await call('GET', `/portals/${portalId}`, OPERATOR)).status).toBe(404);
    expect((await call('GET', `/controllers/resolve?partyId=${fund}`, AUDITOR)).body).toMatchObject({
      controller: 'funding',
    });
    const database = svc.app.get<DataSource>(getDataSourceToken());
    const [events] = await database.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM "${schema}".outbox WHERE event_id LIKE $1`,
      [`%:${portalId}:v%`],
    );
    expect(events?.n).toBe(0);

    expect((await call('POST', '/portals', OPERATOR, { ...registration, speaksFor: [] })).status).toBe(201);

    // The seeded district defaults as a decision in the office's street binds them: their first arbiter,
    // portal:street-{streetCode}, would also vote as the district's fund.
    const office = 'street-310104-099';
    const arbiter = await call('POST', '/portals', OPERATOR, {
      ...registration,
      portalId: office,
      jurisdiction: ['310104-099'],
      kafkaPrincipal: `User:portal-${office}`,
      speaksFor: ['funder:district-civil-affairs-fund'],
    });
    expect(arbiter.status).toBe(409);
    expect(arbiter.body.violations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          policyId: 'grant-award.district',
          boundTo: 'street 310104-099',
          rule: 'neutral-arbiter',
          controller: `portal:${office}`,
        }),
      ]),
    );
    expect((await call('GET', `/portals/${office}`, OPERATOR)).status).toBe(404);
  });
});
