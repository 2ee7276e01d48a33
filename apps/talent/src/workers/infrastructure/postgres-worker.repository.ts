import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import type { CareerStep, Certificate, Worker } from '../domain/worker';
import { type CareerRecord, type StoredWorker, WorkerRepository } from '../domain/worker.repository';

interface WorkerRow {
  worker_id: string;
  organization_id: string | null;
  kind: Worker['kind'];
  level: Worker['level'];
  status: Worker['status'];
  left_on: string | null;
  name: string;
  phone: string | null;
  school: string | null;
  internship_ends_on: string | null;
  skills: Worker['skills'];
  availability: Worker['availability'];
  retained_from_intern: boolean;
  revision: number;
  created_by: string;
  updated_at: Date;
}

// Dates as YYYY-MM-DD text: a JS Date would shift them by the server's time zone.
const COLUMNS = `worker_id, organization_id, kind, level, status, left_on::text, name, phone, school,
  internship_ends_on::text, skills, availability, retained_from_intern, revision, created_by, updated_at`;

const toWorker = (row: WorkerRow): StoredWorker => ({
  workerId: row.worker_id,
  organizationId: row.organization_id,
  kind: row.kind,
  level: row.level,
  status: row.status,
  leftOn: row.left_on,
  name: row.name,
  phone: row.phone,
  school: row.school,
  internshipEndsOn: row.internship_ends_on,
  skills: row.skills,
  // jsonb reorders an object's keys: rebuild each slot so an unchanged PUT compares equal.
  availability: row.availability.map(({ weekday, from, to }) => ({ weekday, from, to })),
  retainedFromIntern: row.retained_from_intern,
  revision: row.revision,
  createdBy: row.created_by,
  updatedAt: row.updated_at,
});

/** The workers' tables in the service's own schema, in plain SQL. */
@Injectable()
export class PostgresWorkerRepository extends WorkerRepository {
  private readonly workers: string;
  private readonly certificateTable: string;
  private readonly careerTable: string;

  constructor(@Inject(getDataSourceToken()) private readonly dataSource: DataSource) {
    super();
    const schema = schemaNameOf(dataSource);
    this.workers = qualifiedTable(schema, 'worker');
    this.certificateTable = qualifiedTable(schema, 'certificate');
    this.careerTable = qualifiedTable(schema, 'worker_career');
  }

  async lockForChange(manager: EntityManager, workerId: string): Promise<Worker | null> {
    // Locks the id too, not only an existing row: two PUTs of a new worker register it once, the second after.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))`, [this.workers, workerId]);
    const rows = await manager.query<WorkerRow[]>(
      `SELECT ${COLUMNS} FROM ${this.workers} WHERE worker_id = $1 FOR UPDATE`,
      [workerId],
    );
    return rows[0] ? toWorker(rows[0]) : null;
  }

  async find(workerId: string, manager?: EntityManager): Promise<StoredWorker | null> {
    const rows = await (manager ?? this.dataSource.manager).query<WorkerRow[]>(
      `SELECT ${COLUMNS} FROM ${this.workers} WHERE worker_id = $1`,
      [workerId],
    );
    return rows[0] ? toWorker(rows[0]) : null;
  }

  async listByOrganization(organizationId: string): Promise<StoredWorker[]> {
    const rows = await this.dataSource.query<WorkerRow[]>(
      `SELECT ${COLUMNS} FROM ${this.workers} WHERE organization_id = $1 ORDER BY worker_id`,
      [organizationId],
    );
    return rows.map(toWorker);
  }

  async save(manager: EntityManager, w: Worker): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.workers} (worker_id, organization_id, kind, level, status, left_on, name, phone, school,
         internship_ends_on, skills, availability, retained_from_intern, revision, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13, $14, $15)
       ON CONFLICT (worker_id) DO UPDATE SET organization_id = $2, kind = $3, level = $4, status = $5, left_on = $6,
         name = $7, phone = $8, school = $9, internship_ends_on = $10, skills = $11, availability = $12::jsonb,
         retained_from_intern = $13, revision = $14, updated_at = now()`,
      [
        w.workerId,
        w.organizationId,
        w.kind,
        w.level,
        w.status,
        w.leftOn,
        w.name,
        w.phone,
        w.school,
        w.internshipEndsOn,
        w.skills,
        JSON.stringify(w.availability),
        w.retainedFromIntern,
        w.revision,
        w.createdBy,
      ],
    );
  }

  async certificates(workerId: string, manager?: EntityManager): Promise<Certificate[]> {
    return (manager ?? this.dataSource.manager).query<Certificate[]>(
      `SELECT certificate_id AS "certificateId", worker_id AS "workerId", level, number,
              issued_on::text AS "issuedOn", expires_on::text AS "expiresOn"
         FROM ${this.certificateTable} WHERE worker_id = $1 ORDER BY expires_on, certificate_id`,
      [workerId],
    );
  }

  async addCertificate(manager: EntityManager, c: Certificate, by: string): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.certificateTable} (certificate_id, worker_id, level, number, issued_on, expires_on, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [c.certificateId, c.workerId, c.level, c.number, c.issuedOn, c.expiresOn, by],
    );
  }

  async addCareerStep(manager: EntityManager, workerId: string, step: CareerStep, by: string): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.careerTable} (worker_id, seq, from_kind, to_kind, note, by_sub)
       SELECT $1, coalesce(max(seq), 0) + 1, $2, $3, $4, $5 FROM ${this.careerTable} WHERE worker_id = $1`,
      [workerId, step.fromKind, step.toKind, step.note, by],
    );
  }

  async career(workerId: string): Promise<CareerRecord[]> {
    return this.dataSource.query<CareerRecord[]>(
      `SELECT seq, from_kind AS "fromKind", to_kind AS "toKind", note, at
         FROM ${this.careerTable} WHERE worker_id = $1 ORDER BY seq`,
      [workerId],
    );
  }
}
