import { Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { authConfigOf, AuthModule } from '@sanshe/auth';
import { createEvent, type EventType, type NewEvent, type SansheEvent } from '@sanshe/contracts';
import { type Delivery, type EventHandler, type EventHandlers, PermanentEventError } from '@sanshe/messaging';
import { HealthModule } from '@sanshe/nest-platform';
import { migrate, PostgresModule } from '@sanshe/persistence';
import { bearer, devToken, type ServiceUnderTest, startServiceUnderTest, uniqueName } from '@sanshe/testing';
import { migrations } from '../migrations';
import { ADMINISTRATIVE_AREA_EVENT_HANDLERS } from '../src/administrative-areas/administrative-areas.tokens';
import { AdministrativeAreasModule } from '../src/administrative-areas/administrative-areas.module';
import { AdministrativeAreas } from '../src/administrative-areas/domain/administrative-areas';
import { serviceConfig } from './policies-test-app';

/**
 * The administrative-areas feature on the real PostgreSQL (governance's migrations, in a schema of this
 * run's own): the community service's area events, as the inbox hands them over, keep the read model at
 * the newest revision; lineage() binds streets and districts from it; GET /administrative-areas/{code}.
 */
const schema = uniqueName('governance_areas').replace(/-/g, '_');
let svc: ServiceUnderTest;
let handlers: EventHandlers;
const COMMUNITY_TOPIC: Delivery = { topic: 'sanshe.community.events', partition: 0, offset: '1', timestamp: '0' };

@Module({})
class AreasTestApp {}

const database = () => svc.app.get<DataSource>(getDataSourceToken());
const areas = () => svc.app.get(AdministrativeAreas);

function areaEvent<T extends EventType>(type: T, data: NewEvent<T>['data'], source = 'sanshe/community') {
  const subject = Object.values(data as Record<string, string>)[0]; // the code comes first
  return createEvent({ type, source, id: uniqueName('area'), subject, data } as NewEvent<T>);
}
/** Applies `event` as the inbox would: its handler, in one transaction. */
async function deliver<T extends EventType>(event: SansheEvent<T>, delivery = COMMUNITY_TOPIC) {
  const handler = handlers[event.type] as EventHandler<T> | undefined;
  if (!handler) throw new Error(`no handler for ${event.type}`);
  await database().transaction((manager) => handler(event, manager, delivery));
}
const serviceArea = { description: '测试' };
const street = (streetCode: string, revision: number, name = '新华路街道') =>
  areaEvent('sanshe.community.street.registered.v1', {
    streetCode,
    districtCode: streetCode.slice(0, 6),
    name,
    population: 37_900,
    serviceArea,
    revision,
  });

beforeAll(async () => {
  await migrate({ url: serviceConfig.DATABASE_URL, schema, migrations });
  svc = await startServiceUnderTest('governance', {
    module: AreasTestApp,
    imports: [
      HealthModule,
      AuthModule.forRoot(authConfigOf(serviceConfig, serviceConfig.stateDir)),
      PostgresModule.forRootAsync({ useFactory: () => ({ url: serviceConfig.DATABASE_URL, schema, poolSize: 4 }) }),
      AdministrativeAreasModule,
    ],
  });
  handlers = svc.app.get<EventHandlers>(ADMINISTRATIVE_AREA_EVENT_HANDLERS);
});

afterAll(async () => {
  if (!svc) return;
  await database().query(`DROP SCHEMA "${schema}" CASCADE`);
  await svc.close();
});

describe('the administrative hierarchy from the community service’s events', () => {
  it('keeps the newest revision: a duplicate and an older revision change nothing', async () => {
    const second = street('990001-005', 2, '新华路街道（更名）');
    await deliver(second);
    await deliver(street('990001-005', 1, '旧名'));
    await deliver(second); // the same event again
    await deliver(street('990001-005', 2, '同一修订的另一事件'));
    expect(await areas().find('990001-005')).toMatchObject({
      level: 'street',
      parentCode: '990001',
      name: '新华路街道（更名）',
      revision: 2,
      sourceEventId: second.id,
    });
    await deliver(street('990001-005', 3, '第三版'));
    expect(await areas().find('990001-005')).toMatchObject({ name: '第三版', revision: 3 });
  });

  it('binds a registered community to its street and district, and derives them from a well-formed code', async () => {
    await deliver(
      areaEvent('sanshe.community.community.registered.v1', {
        communityCode: '990001-006-001',
        streetCode: '990001-006',
        districtCode: '990001',
        name: '测试居民区',
        population: 4_260,
        serviceArea,
        revision: 1,
      }),
    );
    await deliver(
      areaEvent('sanshe.community.district.registered.v1', {
        districtCode: '990001',
        name: '测试区',
        population: 1_000_000,
        serviceArea,
        revision: 1,
      }),
    );
    expect(await areas().lineage('990001-006-001')).toEqual({
      communityCode: '990001-006-001',
      streetCode: '990001-006',
      districtCode: '990001',
    });
    expect(await areas().lineage('990001-007-002')).toEqual({
      communityCode: '990001-007-002',
      streetCode: '990001-007',
      districtCode: '990001',
    });
    expect(await areas().lineage('chaos-community')).toBeNull();
    expect(await areas().districts()).toEqual(['990001']);
    expect(await areas().streets()).toEqual([{ streetCode: '990001-005', districtCode: '990001' }]);
  });

  it('dead-letters an area event from another channel, naming it, and stores nothing', async () => {
    const forged = street('990001-009', 1);
    const elsewhere = { ...COMMUNITY_TOPIC, topic: 'sanshe.organization.events' };
    await expect(deliver(forged, elsewhere)).rejects.toThrow(PermanentEventError);
    await expect(deliver(forged, elsewhere)).rejects.toThrow(/arrived on topic sanshe.organization.events/);
    const fromPortal = { ...street('990001-009', 1), source: 'portal/street-x' };
    await expect(deliver(fromPortal)).rejects.toThrow(/from source portal\/street-x/);
    expect(await areas().find('990001-009')).toBeNull();
  });

  it('GET /administrative-areas/{code}: the area, 404 for an unknown one, 400 for a malformed code, 401 without a token', async () => {
    const headers = bearer(await devToken({ sub: 'reader', parties: [], roles: [] }));
    const get = async (code: string, h: Record<string, string> = headers) => {
      const response = await fetch(`${svc.baseUrl}/administrative-areas/${code}`, { headers: h });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    expect(await get('990001-005')).toMatchObject({
      status: 200,
      body: { code: '990001-005', level: 'street', parentCode: '990001', revision: 3 },
    });
    expect(await get('990001-404')).toMatchObject({ status: 404, body: { code: 'area-not-found' } });
    expect(await get('xuhui')).toMatchObject({
      status: 400,
      // In the documented 400 shape: problems name the field.
      body: { message: expect.stringContaining('/params/code'), problems: [{ path: '/params/code' }] },
    });
    expect((await get('990001-005', {})).status).toBe(401);
    const docs = (await (await fetch(`${svc.baseUrl}/docs/openapi.json`)).json()) as { paths: Record<string, object> };
    expect(Object.keys(docs.paths)).toContain('/administrative-areas/{code}');
    expect(docs.paths['/administrative-areas/{code}']).toMatchObject({
      get: { parameters: [{ name: 'code', schema: { pattern: '^[0-9]{6}(-[0-9]{3}){0,2}$' } }] },
    });
  });
});
