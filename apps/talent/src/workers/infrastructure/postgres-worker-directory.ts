import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import { WorkerDirectory, type WorkerEntry } from '../domain/worker-directory';

/** Today where the service works, as the HTTP side judges certificates (worker-access.ts). */
const TODAY = `(now() AT TIME ZONE 'Asia/Shanghai')::date`;

interface DirectoryRow {
  worker_id: string;
  organization_id: string | null;
  kind: WorkerEntry['kind'];
  level: WorkerEntry['level'];
  status: WorkerEntry['status'];
  certified_until: string | null;
  skills: WorkerEntry['skills'];
}

/**
 * Reads the workers' table; a certificate counts while it is in force at the worker's level (today in
 * Asia/Shanghai), and the latest expiry of those is the worker's `certifiedUntil`.
 */
@Injectable()
export class PostgresWorkerDirectory extends WorkerDirectory {
  private readonly select: string;

  constructor(private readonly dataSource: DataSource) {
    super();
    const schema = schemaNameOf(dataSource);
    this.select = `
      SELECT w.worker_id, w.organization_id, w.kind, w.level, w.status, w.skills,
             (SELECT to_char(max(c.expires_on), 'YYYY-MM-DD') FROM ${qualifiedTable(schema, 'certificate')} c
               WHERE c.worker_id = w.worker_id AND c.level = w.level
                 AND c.issued_on <= ${TODAY} AND c.expires_on >= ${TODAY}) AS certified_until
        FROM ${qualifiedTable(schema, 'worker')} w`;
  }

  async find(workerId: string, manager?: EntityManager): Promise<WorkerEntry | null> {
    const rows = await (manager ?? this.dataSource.manager).query<DirectoryRow[]>(
      `${this.select} WHERE w.worker_id = $1`,
      [workerId],
    );
    return rows[0] ? entryOf(rows[0]) : null;
  }

  async listByOrganization(organizationId: string, manager?: EntityManager): Promise<WorkerEntry[]> {
    const rows = await (manager ?? this.dataSource.manager).query<DirectoryRow[]>(
      `${this.select} WHERE w.organization_id = $1 ORDER BY w.worker_id`,
      [organizationId],
    );
    return rows.map(entryOf);
  }
}

function entryOf(row: DirectoryRow): WorkerEntry {
  return {
    workerId: row.worker_id,
    organizationId: row.organization_id,
    kind: row.kind,
    level: row.level,
    status: row.status,
    certifiedUntil: row.certified_until,
    skills: row.skills,
  };
}
