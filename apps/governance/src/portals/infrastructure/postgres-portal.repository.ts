import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import type { Portal } from '../domain/portal';
import { PortalRepository, type PortalTransaction } from '../domain/portal.repository';
import { type PartyClaim, REGISTRY_ORIGIN } from '../domain/portal-rules';

interface PortalRow {
  portal_id: string;
  name: string;
  kind: Portal['kind'];
  jurisdiction: string[];
  kafka_principal: string;
  speaks_for: string[];
  status: Portal['status'];
  registered_by: string;
  registered_at: Date;
  updated_at: Date;
  version: number;
}

const COLUMNS =
  'portal_id, name, kind, jurisdiction, kafka_principal, speaks_for, status, registered_by, registered_at, updated_at, version';

const toPortal = (row: PortalRow): Portal => ({
  portalId: row.portal_id,
  name: row.name,
  kind: row.kind,
  jurisdiction: row.jurisdiction,
  kafkaPrincipal: row.kafka_principal,
  speaksFor: row.speaks_for,
  status: row.status,
  registeredBy: row.registered_by,
  registeredAt: row.registered_at,
  updatedAt: row.updated_at,
  version: row.version,
});

/** Arrays are stored sorted, so a repeated registration compares equal whatever its order. */
const sorted = (values: readonly string[]) => [...values].sort();

/** `portal` in governance's schema (migration 1795737600021), in plain SQL like the outbox. */
@Injectable()
export class PostgresPortalRepository extends PortalRepository {
  private readonly schema: string;
  private readonly table: string;

  constructor(@Inject(getDataSourceToken()) private readonly dataSource: DataSource) {
    super();
    this.schema = schemaNameOf(dataSource);
    this.table = qualifiedTable(this.schema, 'portal');
  }

  list(): Promise<Portal[]> {
    return this.listIn(this.dataSource.manager);
  }

  find(portalId: string): Promise<Portal | null> {
    return this.findIn(this.dataSource.manager, portalId);
  }

  locked<T>(work: (tx: PortalTransaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      // One lock for the whole registry: a party's claim is checked across every portal, and there is no
      // row to lock before a portal's first version. Keyed by schema, so test schemas never wait on each other.
      await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`${this.schema}:portal-registry`]);
      return work(this.transaction(manager));
    });
  }

  private transaction(manager: EntityManager): PortalTransaction {
    return {
      manager,
      find: (portalId) => this.findIn(manager, portalId),
      list: () => this.listIn(manager),
      claimsOn: (partyIds, exceptPortalId) => this.claimsOn(manager, partyIds, exceptPortalId),
      insert: async (portal) => {
        const rows = await manager.query<PortalRow[]>(
          `INSERT INTO ${this.table}
                  (portal_id, name, kind, jurisdiction, kafka_principal, speaks_for, status, registered_by, version)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1) RETURNING ${COLUMNS}`,
          [
            portal.portalId,
            portal.name,
            portal.kind,
            sorted(portal.jurisdiction),
            portal.kafkaPrincipal,
            sorted(portal.speaksFor),
            portal.status,
            portal.registeredBy,
          ],
        );
        return toPortal(rows[0] as PortalRow);
      },
      update: async (portal, expectedVersion) => {
        const rows = await manager.query<PortalRow[]>(
          `UPDATE ${this.table}
              SET name = $2, jurisdiction = $3, speaks_for = $4, status = $5, version = version + 1, updated_at = now()
            WHERE portal_id = $1 AND version = $6
           RETURNING ${COLUMNS}`,
          [
            portal.portalId,
            portal.name,
            sorted(portal.jurisdiction),
            sorted(portal.speaksFor),
            portal.status,
            expectedVersion,
          ],
        );
        // TypeORM's query gives [rows, count] for an UPDATE … RETURNING.
        const updated = (Array.isArray(rows[0]) ? rows[0] : rows) as PortalRow[];
        return updated[0] ? toPortal(updated[0]) : null;
      },
    };
  }

  private async listIn(manager: EntityManager): Promise<Portal[]> {
    const rows = await manager.query<PortalRow[]>(`SELECT ${COLUMNS} FROM ${this.table} ORDER BY portal_id`);
    return rows.map(toPortal);
  }

  private async findIn(manager: EntityManager, portalId: string): Promise<Portal | null> {
    const rows = await manager.query<PortalRow[]>(`SELECT ${COLUMNS} FROM ${this.table} WHERE portal_id = $1`, [
      portalId,
    ]);
    return rows[0] ? toPortal(rows[0]) : null;
  }

  private async claimsOn(manager: EntityManager, partyIds: readonly string[], except: string): Promise<PartyClaim[]> {
    const rows = await manager.query<{ party_id: string; portal_id: string }[]>(
      `SELECT party_id, portal_id
         FROM ${this.table}, unnest(array_append(speaks_for, 'portal:' || portal_id)) AS party_id
        WHERE portal_id <> $2 AND party_id = ANY($1::text[])`,
      [partyIds, except],
    );
    return rows.map((row) => ({
      partyId: row.party_id,
      controller: `portal:${row.portal_id}`,
      origin: REGISTRY_ORIGIN,
    }));
  }
}
