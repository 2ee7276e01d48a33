import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import type { PaidTranche, ProfileGrant, ProfileRating, ProfileWorker } from '../domain/capacity';
import { ProfileRepository, type StoredProfile } from '../domain/profile.repository';

interface WorkerRow {
  worker_id: string;
  organization_id: string | null;
  kind: ProfileWorker['kind'];
  level: ProfileWorker['level'];
  status: ProfileWorker['status'];
  revision: number;
}

interface GrantRow {
  grant_id: string;
  organization_id: string;
  amount_fen: string;
  currency: string;
  status: ProfileGrant['status'];
  tranches: ProfileGrant['tranches'];
}

const toWorker = (r: WorkerRow): ProfileWorker => ({
  workerId: r.worker_id,
  organizationId: r.organization_id,
  kind: r.kind,
  level: r.level,
  status: r.status,
  revision: r.revision,
});

// bigint arrives as text; amounts stay far below 2^53 fen (9e13 yuan).
const toGrant = (r: GrantRow): ProfileGrant => ({
  grantId: r.grant_id,
  organizationId: r.organization_id,
  amountFen: Number(r.amount_fen),
  currency: r.currency,
  status: r.status,
  tranches: r.tranches,
});

/** profile_worker, profile_grant, profile_tranche_paid and profile_rating, plain SQL. */
@Injectable()
export class PostgresProfileRepository extends ProfileRepository {
  private readonly t: Record<'worker' | 'grant' | 'paid' | 'rating', string>;

  constructor(@Inject(getDataSourceToken()) private readonly dataSource: DataSource) {
    super();
    const schema = schemaNameOf(dataSource);
    this.t = {
      worker: qualifiedTable(schema, 'profile_worker'),
      grant: qualifiedTable(schema, 'profile_grant'),
      paid: qualifiedTable(schema, 'profile_tranche_paid'),
      rating: qualifiedTable(schema, 'profile_rating'),
    };
  }

  async workerForUpdate(manager: EntityManager, workerId: string) {
    const [row] = await manager.query<WorkerRow[]>(`SELECT * FROM ${this.t.worker} WHERE worker_id = $1 FOR UPDATE`, [
      workerId,
    ]);
    return row ? toWorker(row) : null;
  }

  async saveWorker(manager: EntityManager, w: ProfileWorker, appliedAt: string) {
    await manager.query(
      `INSERT INTO ${this.t.worker} (worker_id, organization_id, kind, level, status, revision, applied_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (worker_id) DO UPDATE SET organization_id = EXCLUDED.organization_id, kind = EXCLUDED.kind,
         level = EXCLUDED.level, status = EXCLUDED.status, revision = EXCLUDED.revision, applied_at = EXCLUDED.applied_at
       WHERE ${this.t.worker}.revision < EXCLUDED.revision`,
      [w.workerId, w.organizationId, w.kind, w.level, w.status, w.revision, appliedAt],
    );
  }

  async grantForUpdate(manager: EntityManager, grantId: string) {
    const [row] = await manager.query<GrantRow[]>(`SELECT * FROM ${this.t.grant} WHERE grant_id = $1 FOR UPDATE`, [
      grantId,
    ]);
    return row ? toGrant(row) : null;
  }

  async saveGrant(manager: EntityManager, g: ProfileGrant, proposalId: string | null, appliedAt: string) {
    await manager.query(
      `INSERT INTO ${this.t.grant} (grant_id, organization_id, proposal_id, amount_fen, currency, status, tranches,
         applied_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (grant_id) DO UPDATE SET amount_fen = EXCLUDED.amount_fen, currency = EXCLUDED.currency,
         status = EXCLUDED.status, tranches = EXCLUDED.tranches, applied_at = EXCLUDED.applied_at,
         proposal_id = COALESCE(${this.t.grant}.proposal_id, EXCLUDED.proposal_id)`,
      [
        g.grantId,
        g.organizationId,
        proposalId,
        g.amountFen,
        g.currency,
        g.status,
        JSON.stringify(g.tranches),
        appliedAt,
      ],
    );
  }

  async savePaid(
    manager: EntityManager,
    p: PaidTranche & { organizationId: string; paidAt: string },
    appliedAt: string,
  ) {
    await manager.query(
      `INSERT INTO ${this.t.paid} (grant_id, organization_id, tranche_no, amount_fen, paid_at, applied_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (grant_id, tranche_no) DO NOTHING`,
      [p.grantId, p.organizationId, p.trancheNo, p.amountFen, p.paidAt, appliedAt],
    );
  }

  ratingForUpdate(manager: EntityManager, organizationId: string) {
    return this.ratingOf(manager, organizationId, ' FOR UPDATE');
  }

  private async ratingOf(manager: EntityManager, organizationId: string, lock = '') {
    const [row] = await manager.query<{ score_hundredths: number; activities_evaluated: number; revision: number }[]>(
      `SELECT * FROM ${this.t.rating} WHERE organization_id = $1${lock}`,
      [organizationId],
    );
    return row
      ? { score: row.score_hundredths / 100, activitiesEvaluated: row.activities_evaluated, revision: row.revision }
      : null;
  }

  async saveRating(manager: EntityManager, organizationId: string, r: ProfileRating, appliedAt: string) {
    await manager.query(
      `INSERT INTO ${this.t.rating} (organization_id, score_hundredths, activities_evaluated, revision, applied_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (organization_id) DO UPDATE SET score_hundredths = EXCLUDED.score_hundredths,
         activities_evaluated = EXCLUDED.activities_evaluated, revision = EXCLUDED.revision,
         applied_at = EXCLUDED.applied_at
       WHERE ${this.t.rating}.revision < EXCLUDED.revision`,
      [organizationId, Math.round(r.score * 100), r.activitiesEvaluated, r.revision, appliedAt],
    );
  }

  async profileOf(organizationId: string): Promise<StoredProfile> {
    const db = this.dataSource;
    const workers = await db.query<WorkerRow[]>(`SELECT * FROM ${this.t.worker} WHERE organization_id = $1`, [
      organizationId,
    ]);
    const grants = await db.query<GrantRow[]>(`SELECT * FROM ${this.t.grant} WHERE organization_id = $1`, [
      organizationId,
    ]);
    const paid = await db.query<{ grant_id: string; tranche_no: number; amount_fen: string }[]>(
      `SELECT grant_id, tranche_no, amount_fen FROM ${this.t.paid} WHERE organization_id = $1`,
      [organizationId],
    );
    const rating = await this.ratingOf(db.manager, organizationId);
    const [{ as_of }] = await db.query<{ as_of: Date | null }[]>(
      `SELECT max(at) AS as_of FROM (
         SELECT applied_at AS at FROM ${this.t.worker} WHERE organization_id = $1 UNION ALL
         SELECT applied_at FROM ${this.t.grant} WHERE organization_id = $1 UNION ALL
         SELECT applied_at FROM ${this.t.paid} WHERE organization_id = $1 UNION ALL
         SELECT applied_at FROM ${this.t.rating} WHERE organization_id = $1) AS applied`,
      [organizationId],
    );
    return {
      workers: workers.map(toWorker),
      grants: grants.map(toGrant),
      paid: paid.map((p) => ({ grantId: p.grant_id, trancheNo: p.tranche_no, amountFen: Number(p.amount_fen) })),
      rating,
      asOf: as_of === null ? null : as_of.toISOString(),
    };
  }
}
