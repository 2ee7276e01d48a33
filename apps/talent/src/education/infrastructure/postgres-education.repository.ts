import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import {
  type Completion,
  EducationRepository,
  type SweptCertificate,
  type TrainingProgram,
  type YearHours,
} from '../domain/education.repository';

const ACTIVE_CERTIFIED = `w.status = 'active' AND w.kind = 'certified-social-worker'`;

/** Continuing education's tables in the service's own schema, in plain SQL; numeric hours read as numbers. */
@Injectable()
export class PostgresEducationRepository extends EducationRepository {
  private readonly t: Record<'program' | 'completion' | 'notice' | 'worker' | 'certificate', string>;

  constructor(@Inject(getDataSourceToken()) private readonly dataSource: DataSource) {
    super();
    const schema = schemaNameOf(dataSource);
    this.t = {
      program: qualifiedTable(schema, 'training_program'),
      completion: qualifiedTable(schema, 'training_completion'),
      notice: qualifiedTable(schema, 'talent_notice'),
      worker: qualifiedTable(schema, 'worker'),
      certificate: qualifiedTable(schema, 'certificate'),
    };
  }

  async addProgram(manager: EntityManager, p: TrainingProgram, by: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `INSERT INTO ${this.t.program} (program_id, title, hours, provider, created_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (program_id) DO NOTHING RETURNING program_id`,
      [p.programId, p.title, p.hours, p.provider, by],
    );
    return rows.length === 1;
  }

  async program(programId: string, manager?: EntityManager): Promise<TrainingProgram | null> {
    const rows = await (manager ?? this.dataSource.manager).query<TrainingProgram[]>(
      `SELECT program_id AS "programId", title, hours::float8 AS hours, provider FROM ${this.t.program}
        WHERE program_id = $1`,
      [programId],
    );
    return rows[0] ?? null;
  }

  programs(): Promise<TrainingProgram[]> {
    return this.dataSource.query<TrainingProgram[]>(
      `SELECT program_id AS "programId", title, hours::float8 AS hours, provider FROM ${this.t.program}
        ORDER BY program_id`,
    );
  }

  async addCompletion(manager: EntityManager, c: Completion, by: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `INSERT INTO ${this.t.completion} (worker_id, program_id, completed_on, hours, recorded_by)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING worker_id`,
      [c.workerId, c.programId, c.completedOn, c.hours, by],
    );
    return rows.length === 1;
  }

  completions(workerId: string, year: number): Promise<Completion[]> {
    return this.dataSource.query<Completion[]>(
      `SELECT worker_id AS "workerId", program_id AS "programId", completed_on::text AS "completedOn",
              hours::float8 AS hours
         FROM ${this.t.completion}
        WHERE worker_id = $1 AND extract(year FROM completed_on) = $2 ORDER BY completed_on, program_id`,
      [workerId, year],
    );
  }

  yearHours(year: number, workerId?: string): Promise<YearHours[]> {
    return this.dataSource.query<YearHours[]>(
      `SELECT w.worker_id AS "workerId", w.organization_id AS "organizationId", w.level,
              coalesce(sum(c.hours), 0)::float8 AS "completedHours"
         FROM ${this.t.worker} w
         LEFT JOIN ${this.t.completion} c ON c.worker_id = w.worker_id AND extract(year FROM c.completed_on) = $1
        WHERE ${ACTIVE_CERTIFIED} AND ($2::text IS NULL OR w.worker_id = $2)
        GROUP BY w.worker_id ORDER BY w.worker_id`,
      [year, workerId ?? null],
    );
  }

  certificatesOfActive(): Promise<SweptCertificate[]> {
    return this.dataSource.query<SweptCertificate[]>(
      `SELECT c.certificate_id AS "certificateId", c.worker_id AS "workerId", c.level,
              c.expires_on::text AS "expiresOn", w.organization_id AS "organizationId"
         FROM ${this.t.certificate} c JOIN ${this.t.worker} w ON w.worker_id = c.worker_id AND w.level = c.level
        WHERE ${ACTIVE_CERTIFIED} ORDER BY c.worker_id, c.expires_on`,
    );
  }

  async claimNotice(manager: EntityManager, key: string, workerId: string, eventId: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `INSERT INTO ${this.t.notice} (notice_key, worker_id, event_id) VALUES ($1, $2, $3)
       ON CONFLICT (notice_key) DO NOTHING RETURNING notice_key`,
      [key, workerId, eventId],
    );
    return rows.length === 1;
  }
}
