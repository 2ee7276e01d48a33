import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import type { ActionView, AssessmentAction, Rejection } from '../domain/assessment-action';
import type { AssessorBinding } from '../domain/assessment';
import { AssessmentRepository, type NewBinding } from '../domain/assessment.repository';
import type { AssessorCandidate } from '../domain/assessor-eligibility';

/** Today where the service works, as the workers' directory judges certificates. */
const TODAY = `(now() AT TIME ZONE 'Asia/Shanghai')::date`;

interface BindingRow {
  decision_id: string;
  subject_id: string;
  organization_id: string;
  worker_id: string | null;
  status: AssessorBinding['status'];
  reason: string;
  round: number;
  deadline: Date | null;
  closed: boolean;
  result: string | null;
  bound_at: Date;
}

const toBinding = (row: BindingRow): AssessorBinding => ({
  decisionId: row.decision_id,
  subjectId: row.subject_id,
  organizationId: row.organization_id,
  workerId: row.worker_id,
  status: row.status,
  reason: row.reason,
  round: row.round,
  deadline: row.deadline ? row.deadline.toISOString() : null,
  closed: row.closed,
  result: row.result,
  boundAt: row.bound_at.toISOString(),
});

/** The assessments feature's tables (migration 1798000000070), read beside workers, assignments and hours. */
@Injectable()
export class PostgresAssessmentRepository extends AssessmentRepository {
  private readonly binding: string;
  private readonly actions: string;
  private readonly candidatesSql: string;

  constructor(private readonly dataSource: DataSource) {
    super();
    const schema = schemaNameOf(dataSource);
    const table = (name: string) => qualifiedTable(schema, name);
    this.binding = table('assessor_binding');
    this.actions = table('assessor_action');
    // An assignment's last day is the Shanghai day of its last instant (its range is [start, end)).
    this.candidatesSql = `
      SELECT w.worker_id, w.organization_id, w.kind, w.level, w.status,
             (SELECT to_char(max(c.expires_on), 'YYYY-MM-DD') FROM ${table('certificate')} c
               WHERE c.worker_id = w.worker_id AND c.level = w.level
                 AND c.issued_on <= ${TODAY} AND c.expires_on >= ${TODAY}) AS certified_until,
             (SELECT to_char(max((upper(a.during) - interval '1 microsecond') AT TIME ZONE 'Asia/Shanghai'), 'YYYY-MM-DD')
                FROM ${table('assignment')} a JOIN ${table('talent_activity')} t ON t.activity_id = a.activity_id
               WHERE a.worker_id = w.worker_id AND t.organization_id = $1) AS last_assigned_on,
             (SELECT to_char(max(h.served_on), 'YYYY-MM-DD') FROM ${table('hours_record')} h
               WHERE h.worker_id = w.worker_id AND h.organization_id = $1) AS last_served_on,
             (SELECT max(b.bound_at) FROM ${this.binding} b WHERE b.worker_id = w.worker_id) AS last_bound_at
        FROM ${table('worker')} w
       WHERE w.kind = 'certified-social-worker' AND w.status = 'active'
       ORDER BY w.worker_id`;
  }

  async lockBindings(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [this.binding]);
  }

  async candidates(manager: EntityManager, organizationId: string): Promise<AssessorCandidate[]> {
    const rows = await manager.query<
      {
        worker_id: string;
        organization_id: string | null;
        kind: AssessorCandidate['kind'];
        level: AssessorCandidate['level'];
        status: AssessorCandidate['status'];
        certified_until: string | null;
        last_assigned_on: string | null;
        last_served_on: string | null;
        last_bound_at: Date | null;
      }[]
    >(this.candidatesSql, [organizationId]);
    return rows.map((row) => ({
      workerId: row.worker_id,
      organizationId: row.organization_id,
      kind: row.kind,
      level: row.level,
      status: row.status,
      certifiedUntil: row.certified_until,
      lastAssignedOn: row.last_assigned_on,
      lastServedOn: row.last_served_on,
      lastBoundAt: row.last_bound_at ? row.last_bound_at.toISOString() : null,
    }));
  }

  async insertBinding(manager: EntityManager, binding: NewBinding): Promise<boolean> {
    const { decisionId, subjectId, organizationId, workerId, status, reason, round, deadline } = binding;
    const inserted = await manager.query<unknown[]>(
      `INSERT INTO ${this.binding} (decision_id, subject_id, organization_id, worker_id, status, reason, round, deadline)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING decision_id`,
      [decisionId, subjectId, organizationId, workerId, status, reason, round, deadline],
    );
    return inserted.length > 0;
  }

  async find(decisionId: string, manager?: EntityManager): Promise<AssessorBinding | null> {
    const lock = manager ? ' FOR UPDATE' : '';
    const [row] = await (manager ?? this.dataSource.manager).query<BindingRow[]>(
      `SELECT * FROM ${this.binding} WHERE decision_id = $1${lock}`,
      [decisionId],
    );
    return row ? toBinding(row) : null;
  }

  async openRound(manager: EntityManager, decisionId: string, round: number, deadline: string | null): Promise<void> {
    await manager.query(
      `UPDATE ${this.binding} SET round = $2, deadline = coalesce($3, deadline) WHERE decision_id = $1 AND round < $2`,
      [decisionId, round, deadline],
    );
  }

  async close(manager: EntityManager, decisionId: string, result: string): Promise<void> {
    await manager.query(`UPDATE ${this.binding} SET closed = true, result = $2 WHERE decision_id = $1`, [
      decisionId,
      result,
    ]);
  }

  async listOfWorker(workerId: string): Promise<AssessorBinding[]> {
    const rows = await this.dataSource.query<BindingRow[]>(
      `SELECT * FROM ${this.binding} WHERE worker_id = $1 ORDER BY bound_at DESC, decision_id`,
      [workerId],
    );
    return rows.map(toBinding);
  }

  async action(manager: EntityManager, decisionId: string, actionKey: string): Promise<AssessmentAction | null> {
    const [row] = await manager.query<
      {
        event_id: string;
        event_type: string;
        data: Record<string, unknown>;
        worker_id: string | null;
        cast_by_sub: string;
      }[]
    >(
      `SELECT event_id, event_type, data, worker_id, cast_by_sub FROM ${this.actions}
        WHERE decision_id = $1 AND action_key = $2`,
      [decisionId, actionKey],
    );
    if (!row) return null;
    const { event_id, event_type, data, worker_id, cast_by_sub } = row;
    return {
      decisionId,
      actionKey,
      eventId: event_id,
      eventType: event_type,
      data,
      workerId: worker_id,
      castBySub: cast_by_sub,
    };
  }

  async insertAction(manager: EntityManager, action: AssessmentAction): Promise<boolean> {
    const { decisionId, actionKey, eventId, eventType, data, workerId, castBySub } = action;
    const inserted = await manager.query<unknown[]>(
      `INSERT INTO ${this.actions} (decision_id, action_key, event_id, event_type, data, worker_id, cast_by_sub)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING event_id`,
      [decisionId, actionKey, eventId, eventType, JSON.stringify(data), workerId, castBySub],
    );
    return inserted.length > 0;
  }

  async rejectAction(manager: EntityManager, eventId: string, rejection: Rejection): Promise<boolean> {
    const updated = await manager.query<unknown[]>(
      `UPDATE ${this.actions} SET rejection_code = $2, rejection_reason = $3 WHERE event_id = $1 RETURNING event_id`,
      [eventId, rejection.code, rejection.reason],
    );
    return updated.length > 0;
  }

  async actionsOf(decisionIds: readonly string[]): Promise<ActionView[]> {
    const rows = await this.dataSource.query<
      {
        decision_id: string;
        action_key: string;
        event_id: string;
        event_type: string;
        created_at: Date;
        rejection_code: string | null;
        rejection_reason: string | null;
      }[]
    >(
      `SELECT decision_id, action_key, event_id, event_type, created_at, rejection_code, rejection_reason
         FROM ${this.actions} WHERE decision_id = ANY($1::text[]) ORDER BY created_at, action_key`,
      [decisionIds],
    );
    return rows.map((row) => ({
      decisionId: row.decision_id,
      actionKey: row.action_key,
      eventId: row.event_id,
      type: row.event_type,
      sentAt: row.created_at.toISOString(),
      status: row.rejection_code ? 'rejected' : 'sent',
      rejection: row.rejection_code ? { code: row.rejection_code, reason: row.rejection_reason ?? '' } : null,
    }));
  }
}
