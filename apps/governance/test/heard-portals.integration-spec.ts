import { DataSource } from 'typeorm';
import { migrate, serviceDataSourceOptions } from '@sanshe/persistence';
import { uniqueName } from '@sanshe/testing';
import { migrations } from '../migrations';
import { loadGovernanceConfig } from '../src/config/governance-config';
import { heardPortalsAtBoot, PostgresBridgePortals } from '../src/decisions/infrastructure/heard-portals';
import { serviceConfig } from './policies-test-app';

/**
 * Which portals governance hears, read from the real PostgreSQL before its module is built: those the
 * stored policies name (templates expanded over the administrative read model), controllers, and
 * GOVERNANCE_PORTALS — no fixed fallback.
 */
const schema = uniqueName('governance_portals').replace(/-/g, '_');
const unmigrated = uniqueName('governance_empty').replace(/-/g, '_');
let dataSource: DataSource;

beforeAll(async () => {
  await migrate({ url: serviceConfig.DATABASE_URL, schema, migrations });
  dataSource = new DataSource(serviceDataSourceOptions({ url: serviceConfig.DATABASE_URL, schema, poolSize: 2 }));
  await dataSource.initialize();
});

afterAll(async () => {
  await dataSource?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await dataSource?.query(`DROP SCHEMA IF EXISTS "${unmigrated}" CASCADE`);
  await dataSource?.destroy();
});

const area = (code: string, level: string, parent: string | null) =>
  dataSource.query(
    `INSERT INTO "${schema}".administrative_area (code, level, parent_code, name, population, revision, source_event_id)
     VALUES ($1, $2, $3, $1, 0, 1, $1)`,
    [code, level, parent],
  );

describe('the portals governance hears', () => {
  it('nothing from a fixed fallback: the seeded policies name the deployment district’s bureau and the old arbiters', async () => {
    expect(await heardPortalsAtBoot(serviceConfig, loadGovernanceConfig({}), schema)).toEqual([
      'civil-affairs-310104', // defaults v4, over GOVERNANCE_DISTRICT_CODE
      'district-civil-affairs', // versions 1–3, which decisions opened before v4 may still pin
      'street-office',
    ]);
    const extra = loadGovernanceConfig({ GOVERNANCE_PORTALS: 'street-xinhua', GOVERNANCE_DISTRICT_CODE: '310105' });
    expect(await heardPortalsAtBoot(serviceConfig, extra, schema)).toEqual([
      'civil-affairs-310105',
      'district-civil-affairs',
      'street-office',
      'street-xinhua',
    ]);
  });

  it("hears every published street's office, and reports portals named after boot as unheard", async () => {
    const governance = loadGovernanceConfig({});
    const heard = await heardPortalsAtBoot(serviceConfig, governance, schema);
    await area('310104-005', 'street', '310104');
    await area('310104-006', 'street', '310104');
    const portals = new PostgresBridgePortals(heard, dataSource, governance);
    expect(await portals.unheard()).toEqual(['street-310104-005', 'street-310104-006']);
    expect(await heardPortalsAtBoot(serviceConfig, governance, schema)).toEqual([
      'civil-affairs-310104',
      'district-civil-affairs',
      'street-310104-005',
      'street-310104-006',
      'street-office',
    ]);
  });

  it('hears the configured portals of a schema not yet migrated', async () => {
    await dataSource.query(`CREATE SCHEMA "${unmigrated}"`);
    const governance = loadGovernanceConfig({ GOVERNANCE_PORTALS: 'street-xinhua' });
    expect(await heardPortalsAtBoot(serviceConfig, governance, unmigrated)).toEqual(['street-xinhua']);
  });
});
