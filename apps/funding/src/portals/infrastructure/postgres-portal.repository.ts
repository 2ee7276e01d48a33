import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import type { Portal } from '../domain/portal';
import { PortalRepository } from '../domain/portal.repository';

interface PortalRow {
  portal_id: string;
  name: string;
  kind: Portal['kind'];
  jurisdiction: string[];
  kafka_principal: string;
  speaks_for: string[];
  status: Portal['status'];
  version: number;
}

const COLUMNS = 'portal_id, name, kind, jurisdiction, kafka_principal, speaks_for, status, version';

const portalOf = (row: PortalRow): Portal => ({
  portalId: row.portal_id,
  name: row.name,
  kind: row.kind,
  jurisdiction: row.jurisdiction,
  kafkaPrincipal: row.kafka_principal,
  speaksFor: row.speaks_for,
  status: row.status,
  version: row.version,
});

/** The portal table: one row per portal, replaced only by a newer version of it. */
@Injectable()
export class PostgresPortalRepository extends PortalRepository {
  private readonly table: string;

  constructor(private readonly dataSource: DataSource) {
    super();
    this.table = qualifiedTable(schemaNameOf(dataSource), 'portal');
  }

  async find(manager: EntityManager, portalId: string): Promise<Portal | null> {
    const rows = await manager.query<PortalRow[]>(`SELECT ${COLUMNS} FROM ${this.table} WHERE portal_id = $1`, [
      portalId,
    ]);
    return rows[0] ? portalOf(rows[0]) : null;
  }

  async saveIfNewer(manager: EntityManager, p: Portal): Promise<boolean> {
    // The WHERE of ON CONFLICT keeps the newer row: events of one portal share a partition, but a replay or a
    // dead letter sent again may bring an older one.
    const stored = await manager.query<{ portal_id: string }[]>(
      `INSERT INTO ${this.table} AS p (${COLUMNS})
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (portal_id) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind,
         jurisdiction = EXCLUDED.jurisdiction, kafka_principal = EXCLUDED.kafka_principal,
         speaks_for = EXCLUDED.speaks_for, status = EXCLUDED.status, version = EXCLUDED.version, updated_at = now()
       WHERE p.version < EXCLUDED.version
       RETURNING portal_id`,
      [p.portalId, p.name, p.kind, p.jurisdiction, p.kafkaPrincipal, p.speaksFor, p.status, p.version],
    );
    return stored.length > 0;
  }

  async listActive(): Promise<Portal[]> {
    const rows = await this.dataSource.query<PortalRow[]>(
      `SELECT ${COLUMNS} FROM ${this.table} WHERE status = 'active' ORDER BY portal_id`,
    );
    return rows.map(portalOf);
  }
}
