import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import type { EvaluatedActivity, EvaluationStatus, RecordedEvaluation } from '../domain/evaluated-activity';
import { type OrganizationRating, EvaluationRepository } from '../domain/evaluation.repository';
import type { Weights } from '../domain/evaluation-weights';

interface ActivityRow {
  activity_id: string;
  proposal_id: string;
  organization_id: string;
  community_code: string;
  need_id: string | null;
  expected_size: number | null;
  attendance: number;
  participant_ids: string[] | null;
  completed_at: Date;
  window_closes_at: Date;
  weights: Weights;
  status: EvaluationStatus;
  score: string | null;
  scored_at: Date | null;
}

interface EvaluationRow {
  evaluation_id: string;
  activity_id: string;
  evaluator_kind: RecordedEvaluation['kind'];
  evaluator_ref: string;
  scores: RecordedEvaluation['scores'];
  comment: string | null;
  evaluated_by: string;
  created_at: Date;
}

/** numeric(4,2) arrives as text ('4.31'); hundredths keep it exact. */
const hundredthsOf = (numeric: string): number => Math.round(Number(numeric) * 100);
const numericOf = (hundredths: number): string => (hundredths / 100).toFixed(2);

const toActivity = (row: ActivityRow): EvaluatedActivity => ({
  activityId: row.activity_id,
  proposalId: row.proposal_id,
  organizationId: row.organization_id,
  communityCode: row.community_code,
  needId: row.need_id,
  expectedSize: row.expected_size,
  attendance: row.attendance,
  participantIds: row.participant_ids,
  completedAt: row.completed_at,
  windowClosesAt: row.window_closes_at,
  weights: row.weights,
  status: row.status,
  scoreHundredths: row.score === null ? null : hundredthsOf(row.score),
  scoredAt: row.scored_at,
});

const toEvaluation = (row: EvaluationRow): RecordedEvaluation => ({
  evaluationId: row.evaluation_id,
  activityId: row.activity_id,
  kind: row.evaluator_kind,
  evaluatorRef: row.evaluator_ref,
  scores: row.scores,
  comment: row.comment,
  evaluatedBy: row.evaluated_by,
  createdAt: row.created_at,
});

/** The evaluation tables in the community's schema, in plain SQL. */
@Injectable()
export class PostgresEvaluationRepository extends EvaluationRepository {
  private readonly schema: string;
  private readonly weights: string;
  private readonly activities: string;
  private readonly evaluations: string;
  private readonly ratings: string;

  constructor(@Inject(getDataSourceToken()) dataSource: DataSource) {
    super();
    this.schema = schemaNameOf(dataSource);
    this.weights = qualifiedTable(this.schema, 'evaluation_weights');
    this.activities = qualifiedTable(this.schema, 'evaluated_activity');
    this.evaluations = qualifiedTable(this.schema, 'evaluation');
    this.ratings = qualifiedTable(this.schema, 'organization_rating');
  }

  async weightsOf(manager: EntityManager, communityCode: string): Promise<Weights | null> {
    const rows = await manager.query<Weights[]>(
      `SELECT reach, satisfaction, outcome, efficiency FROM ${this.weights} WHERE community_code = $1`,
      [communityCode],
    );
    return rows[0] ?? null;
  }

  async saveWeights(manager: EntityManager, communityCode: string, weights: Weights, updatedBy: string) {
    const { reach, satisfaction, outcome, efficiency } = weights;
    await manager.query(
      `INSERT INTO ${this.weights} (community_code, reach, satisfaction, outcome, efficiency, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (community_code) DO UPDATE SET reach = $2, satisfaction = $3, outcome = $4, efficiency = $5,
         updated_by = $6, updated_at = now()`,
      [communityCode, reach, satisfaction, outcome, efficiency, updatedBy],
    );
  }

  async addActivity(manager: EntityManager, activity: EvaluatedActivity): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `INSERT INTO ${this.activities} (activity_id, proposal_id, organization_id, community_code, need_id,
         expected_size, attendance, participant_ids, completed_at, window_closes_at, weights)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb)
       ON CONFLICT (activity_id) DO NOTHING RETURNING activity_id`,
      [
        activity.activityId,
        activity.proposalId,
        activity.organizationId,
        activity.communityCode,
        activity.needId,
        activity.expectedSize,
        activity.attendance,
        activity.participantIds,
        activity.completedAt,
        activity.windowClosesAt,
        JSON.stringify(activity.weights),
      ],
    );
    return rows.length > 0;
  }

  async activity(manager: EntityManager, activityId: string, options: { forUpdate?: boolean } = {}) {
    const rows = await manager.query<ActivityRow[]>(
      `SELECT * FROM ${this.activities} WHERE activity_id = $1 ${options.forUpdate ? 'FOR UPDATE' : ''}`,
      [activityId],
    );
    return rows[0] ? toActivity(rows[0]) : null;
  }

  async addEvaluation(manager: EntityManager, evaluation: RecordedEvaluation): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `INSERT INTO ${this.evaluations} (evaluation_id, activity_id, evaluator_kind, evaluator_ref, scores, comment,
         evaluated_by, created_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8)
       ON CONFLICT (activity_id, evaluator_kind, evaluator_ref) DO NOTHING RETURNING evaluation_id`,
      [
        evaluation.evaluationId,
        evaluation.activityId,
        evaluation.kind,
        evaluation.evaluatorRef,
        JSON.stringify(evaluation.scores),
        evaluation.comment,
        evaluation.evaluatedBy,
        evaluation.createdAt,
      ],
    );
    return rows.length > 0;
  }

  async evaluationsOf(manager: EntityManager, activityId: string): Promise<RecordedEvaluation[]> {
    const rows = await manager.query<EvaluationRow[]>(
      `SELECT * FROM ${this.evaluations} WHERE activity_id = $1 ORDER BY created_at, evaluation_id`,
      [activityId],
    );
    return rows.map(toEvaluation);
  }

  async takeClosedWindows(manager: EntityManager, now: Date, limit: number): Promise<string[]> {
    const rows = await manager.query<{ activity_id: string }[]>(
      `SELECT activity_id FROM ${this.activities}
        WHERE status = 'open' AND window_closes_at <= $1
        ORDER BY window_closes_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, limit],
    );
    return rows.map((row) => row.activity_id);
  }

  async saveScore(
    manager: EntityManager,
    activityId: string,
    score: { status: EvaluationStatus; scoreHundredths: number | null; at: Date },
  ): Promise<boolean> {
    // WHERE status = 'open': of two instances that both got here, only one closes it (and publishes).
    const [, updated] = await manager.query<[unknown[], number]>(
      `UPDATE ${this.activities} SET status = $2, score = $3::numeric, scored_at = $4
        WHERE activity_id = $1 AND status = 'open'`,
      [activityId, score.status, score.scoreHundredths === null ? null : numericOf(score.scoreHundredths), score.at],
    );
    return updated > 0; // TypeORM answers an UPDATE on PostgreSQL with [rows, rowCount]
  }

  async lockRating(manager: EntityManager, organizationId: string): Promise<void> {
    // Keyed by schema too, so test schemas never wait on each other.
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `${this.schema}:organization-rating:${organizationId}`,
    ]);
  }

  async scoredActivities(manager: EntityManager, organizationId: string): Promise<number[]> {
    const rows = await manager.query<{ score: string }[]>(
      `SELECT score FROM ${this.activities} WHERE organization_id = $1 AND score IS NOT NULL`,
      [organizationId],
    );
    return rows.map((row) => hundredthsOf(row.score));
  }

  async saveRating(manager: EntityManager, rating: Omit<OrganizationRating, 'revision'>): Promise<number> {
    const rows = await manager.query<{ revision: number }[]>(
      `INSERT INTO ${this.ratings} AS r (organization_id, score, activities, revision, updated_at)
       VALUES ($1, $2::numeric, $3, 1, $4)
       ON CONFLICT (organization_id) DO UPDATE SET score = $2::numeric, activities = $3, revision = r.revision + 1,
         updated_at = $4
       RETURNING revision`,
      [rating.organizationId, numericOf(rating.scoreHundredths), rating.activities, rating.updatedAt],
    );
    return rows[0].revision;
  }

  async rating(manager: EntityManager, organizationId: string): Promise<OrganizationRating | null> {
    const rows = await manager.query<{ score: string; activities: number; revision: number; updated_at: Date }[]>(
      `SELECT score, activities, revision, updated_at FROM ${this.ratings} WHERE organization_id = $1`,
      [organizationId],
    );
    const row = rows[0];
    return row
      ? {
          organizationId,
          scoreHundredths: hundredthsOf(row.score),
          activities: row.activities,
          revision: row.revision,
          updatedAt: row.updated_at,
        }
      : null;
  }
}
