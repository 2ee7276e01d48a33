import { Inject, Injectable, Logger } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { DecisionPolicyInput } from '@sanshe/contracts';
import { qualifiedTable, schemaNameOf, serviceDataSourceOptions } from '@sanshe/persistence';
import type { ServiceConfig } from '@sanshe/service-kit';
import { type AreaBinding, bindPartyId, placeholdersIn } from '@sanshe/workflows';
import type { AreaLevel } from '../../administrative-areas/domain/administrative-area';
import type { GovernanceConfig } from '../../config/governance-config';
import { GOVERNANCE_CONFIG } from '../../config/governance-config.module';
import { isControllerId } from '../../parties/domain/party-controller';
import { BridgePortals } from '../domain/bridge-portals';
import { HEARD_PORTAL_IDS } from '../decisions.tokens';

/** What names a portal: policies' party ids, the hierarchy their templates expand over, controllers, configuration, the registry. */
export interface PortalSources {
  /** Every seat's and arbiter's id in every stored policy version (decisions pinned to old ones still run). */
  partyIds: readonly string[];
  areas: readonly { code: string; level: AreaLevel; parentCode: string | null }[];
  /** GOVERNANCE_DISTRICT_CODE: its portals are heard before the community service publishes it. */
  deploymentDistrict: string;
  /** Controllers of stored and configured rules (a portal standing for a funder). */
  controllers: readonly string[];
  /** GOVERNANCE_PORTALS. */
  extras: readonly string[];
  /** The portal registry's ids, suspended ones too: their commands are heard to be refused, not lost. */
  registered?: readonly string[];
}

/** Each district, street and community as the codes a template binds to. */
function areaBindings({ areas, deploymentDistrict }: PortalSources): AreaBinding[] {
  const streets = new Map(areas.filter((a) => a.level === 'street').map((a) => [a.code, a.parentCode]));
  const districts = new Set([deploymentDistrict, ...areas.filter((a) => a.level === 'district').map((a) => a.code)]);
  const bindings: AreaBinding[] = [...districts].map((d) => ({
    communityCode: null,
    streetCode: null,
    districtCode: d,
  }));
  for (const { code, level, parentCode } of areas) {
    if (level === 'street') bindings.push({ communityCode: null, streetCode: code, districtCode: parentCode });
    if (level === 'community' && parentCode !== null) {
      const districtCode = streets.get(parentCode) ?? parentCode.slice(0, 6);
      bindings.push({ communityCode: code, streetCode: parentCode, districtCode });
    }
  }
  return bindings;
}

/**
 * The portal ids governance must hear: every portal a stored policy names, its templates
 * (`portal:street-{streetCode}`) expanded over the known streets, districts (and the deployment's) and
 * communities; every portal controller; the configured extras; and every registered portal. Sorted, without `portal:`.
 */
export function portalsNamed(sources: PortalSources): string[] {
  const bindings = areaBindings(sources);
  const ids = new Set<string>([...sources.extras, ...(sources.registered ?? [])]);
  const portals = [...sources.partyIds, ...sources.controllers].filter((id) => id.startsWith('portal:'));
  for (const partyId of portals) {
    const bound = placeholdersIn(partyId).length > 0 ? bindings.map((b) => bindPartyId(partyId, b)) : [partyId];
    // A binding that leaves a placeholder (a street template over a district) is no portal id: skipped.
    for (const id of bound) if (isControllerId(id)) ids.add(id.slice('portal:'.length));
  }
  return [...ids].sort();
}

type Query = (sql: string) => Promise<unknown[]>;

/** A table missing (migrations not run yet) reads as empty: the configured portals are still heard. */
async function rowsOrNone<T>(query: Query, sql: string): Promise<T[]> {
  try {
    return (await query(sql)) as T[];
  } catch (err) {
    const { code, driverError } = err as { code?: string; driverError?: { code?: string } };
    if ((driverError?.code ?? code) === '42P01') return []; // undefined_table
    throw err;
  }
}

/** The portal sources stored in `schema`, and the configured ones. */
export async function readPortalSources(
  query: Query,
  schema: string,
  governance: GovernanceConfig,
): Promise<PortalSources> {
  const table = (name: string) => qualifiedTable(schema, name);
  const bodies = await rowsOrNone<{ body: DecisionPolicyInput }>(query, `SELECT body FROM ${table('decision_policy')}`);
  const areas = await rowsOrNone<{ code: string; level: AreaLevel; parent_code: string | null }>(
    query,
    `SELECT code, level, parent_code FROM ${table('administrative_area')}`,
  );
  const stored = await rowsOrNone<{ controller: string }>(
    query,
    `SELECT DISTINCT controller FROM ${table('party_controller')}`,
  );
  const registered = await rowsOrNone<{ portal_id: string }>(query, `SELECT portal_id FROM ${table('portal')}`);
  return {
    partyIds: bodies.flatMap(({ body }) => [
      ...body.parties.map((seat) => seat.partyId),
      ...body.escalation.map((step) => step.arbiterId),
    ]),
    areas: areas.map((a) => ({ code: a.code, level: a.level, parentCode: a.parent_code })),
    deploymentDistrict: governance.GOVERNANCE_DISTRICT_CODE,
    controllers: [
      ...stored.map((row) => row.controller),
      ...governance.GOVERNANCE_PARTY_CONTROLLERS.map((r) => r.controller),
    ],
    extras: governance.GOVERNANCE_PORTALS,
    registered: registered.map((row) => row.portal_id),
  };
}

/** Before the module is built (main.ts's `prepare`): the portals the bridge will hear, from the database. */
export async function heardPortalsAtBoot(
  config: ServiceConfig,
  governance: GovernanceConfig,
  schema: string = config.service,
): Promise<string[]> {
  const dataSource = new DataSource(serviceDataSourceOptions({ url: config.DATABASE_URL, schema, poolSize: 1 }));
  await dataSource.initialize();
  try {
    const portals = portalsNamed(await readPortalSources((sql) => dataSource.query(sql), schema, governance));
    new Logger('HeardPortals').log(`hearing ${portals.length} portals: ${portals.join(', ') || 'none'}`);
    return portals;
  } finally {
    await dataSource.destroy();
  }
}

/** The portals heard since boot, and those named since that are not (on /health). */
@Injectable()
export class PostgresBridgePortals extends BridgePortals {
  constructor(
    @Inject(HEARD_PORTAL_IDS) readonly heard: readonly string[],
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
    @Inject(GOVERNANCE_CONFIG) private readonly governance: GovernanceConfig,
  ) {
    super();
  }

  async unheard(): Promise<string[]> {
    const schema = schemaNameOf(this.dataSource);
    const named = portalsNamed(await readPortalSources((sql) => this.dataSource.query(sql), schema, this.governance));
    return named.filter((id) => !this.heard.includes(id));
  }
}
