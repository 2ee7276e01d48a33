import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import type { ProposalRevision } from '../../votes/domain/talent-vote';
import type { Assignment, TalentActivity } from '../domain/assignment';
import { AssignmentRepository, DoubleBooked } from '../domain/assignment.repository';

interface ActivityRow {
  activity_id: string;
  proposal_id: string;
  organization_id: string;
  community_code: string;
  staffing_plan: TalentActivity['staffingPlan'];
  sessions: TalentActivity['sessions'];
  status: TalentActivity['status'];
}
interface AssignmentRow {
  assignment_id: string;
  activity_id: string;
  organization_id: string;
  worker_id: string;
  role: Assignment['role'];
  starts_at: Date;
  ends_at: Date;
  status: Assignment['status'];
}

const toActivity = (row: ActivityRow): TalentActivity => ({
  activityId: row.activity_id,
  proposalId: row.proposal_id,
  organizationId: row.organization_id,
  communityCode: row.community_code,
  staffingPlan: row.staffing_plan,
  sessions: row.sessions,
  status: row.status,
});
const toAssignment = (row: AssignmentRow): Assignment => ({
  assignmentId: row.assignment_id,
  activityId: row.activity_id,
  organizationId: row.organization_id,
  workerId: row.worker_id,
  role: row.role,
  startsAt: row.starts_at.toISOString(),
  endsAt: row.ends_at.toISOString(),
  status: row.status,
});

/** PostgreSQL's exclusion_violation on the constraint that keeps a worker's active assignments apart. */
const isDoubleBooking = (err: unknown) =>
  err instanceof QueryFailedError &&
  (err.driverError as { code?: string; constraint?: string }).code === '23P01' &&
  (err.driverError as { constraint?: string }).constraint === 'assignment_no_double_booking';

/** talent_activity and assignment (migration 1798000000050); `during` is a `[)` tstzrange. */
@Injectable()
export class PostgresAssignmentRepository extends AssignmentRepository {
  private readonly activities: string;
  private readonly assignments: string;
  private readonly proposals: string;
  private readonly selectAssignment: string;

  constructor(private readonly dataSource: DataSource) {
    super();
    const schema = schemaNameOf(dataSource);
    this.activities = qualifiedTable(schema, 'talent_activity');
    this.assignments = qualifiedTable(schema, 'assignment');
    this.proposals = qualifiedTable(schema, 'talent_proposal');
    this.selectAssignment = `
      SELECT a.assignment_id, a.activity_id, t.organization_id, a.worker_id, a.role, a.status,
             lower(a.during) AS starts_at, upper(a.during) AS ends_at
        FROM ${this.assignments} a JOIN ${this.activities} t USING (activity_id)`;
  }

  async saveActivity(manager: EntityManager, activity: TalentActivity): Promise<void> {
    const { activityId, proposalId, organizationId, communityCode, staffingPlan, sessions } = activity;
    await manager.query(
      `INSERT INTO ${this.activities} (activity_id, proposal_id, organization_id, community_code, staffing_plan, sessions)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
      [activityId, proposalId, organizationId, communityCode, JSON.stringify(staffingPlan), JSON.stringify(sessions)],
    );
  }

  async activity(
    activityId: string,
    locked?: { manager: EntityManager; mode: 'share' | 'update' },
  ): Promise<TalentActivity | null> {
    const lock = locked ? (locked.mode === 'share' ? 'FOR SHARE' : 'FOR UPDATE') : '';
    const [row] = await (locked?.manager ?? this.dataSource.manager).query<ActivityRow[]>(
      `SELECT * FROM ${this.activities} WHERE activity_id = $1 ${lock}`,
      [activityId],
    );
    return row ? toActivity(row) : null;
  }

  async cancel(manager: EntityManager, activityId: string): Promise<boolean> {
    const updated = await manager.query<unknown[]>(
      `UPDATE ${this.activities} SET status = 'cancelled' WHERE activity_id = $1 AND status <> 'cancelled'
       RETURNING activity_id`,
      [activityId],
    );
    return updated.length > 0;
  }

  async insert(manager: EntityManager, assignment: Assignment, assignedBy: string): Promise<void> {
    const { assignmentId, activityId, workerId, role, startsAt, endsAt } = assignment;
    try {
      await manager.query(
        `INSERT INTO ${this.assignments} (assignment_id, activity_id, worker_id, role, during, assigned_by)
         VALUES ($1, $2, $3, $4, tstzrange($5, $6, '[)'), $7)`,
        [assignmentId, activityId, workerId, role, startsAt, endsAt, assignedBy],
      );
    } catch (err) {
      if (isDoubleBooking(err)) throw new DoubleBooked(`${workerId} is already assigned then`, { cause: err });
      throw err;
    }
  }

  async overlapping(workerId: string, startsAt: string, endsAt: string): Promise<string | null> {
    const [row] = await this.dataSource.query<{ assignment_id: string }[]>(
      `SELECT assignment_id FROM ${this.assignments}
        WHERE worker_id = $1 AND status = 'active' AND during && tstzrange($2, $3, '[)') LIMIT 1`,
      [workerId, startsAt, endsAt],
    );
    return row?.assignment_id ?? null;
  }

  async find(manager: EntityManager, activityId: string, assignmentId: string): Promise<Assignment | null> {
    const [row] = await manager.query<AssignmentRow[]>(
      `${this.selectAssignment} WHERE a.activity_id = $1 AND a.assignment_id = $2`,
      [activityId, assignmentId],
    );
    return row ? toAssignment(row) : null;
  }

  async release(manager: EntityManager, assignmentId: string): Promise<boolean> {
    const updated = await manager.query<unknown[]>(
      `UPDATE ${this.assignments} SET status = 'released', released_at = now()
        WHERE assignment_id = $1 AND status = 'active' RETURNING assignment_id`,
      [assignmentId],
    );
    return updated.length > 0;
  }

  async listOf(activityId: string, manager?: EntityManager): Promise<Assignment[]> {
    const rows = await (manager ?? this.dataSource.manager).query<AssignmentRow[]>(
      `${this.selectAssignment} WHERE a.activity_id = $1 ORDER BY lower(a.during), a.assignment_id`,
      [activityId],
    );
    return rows.map(toAssignment);
  }

  async proposalRevisions(proposalId: string): Promise<ProposalRevision[]> {
    const rows = await this.dataSource.query<
      { revision_no: number; revision_text: string | null; content: ProposalRevision['content'] }[]
    >(`SELECT revision_no, revision_text, content FROM ${this.proposals} WHERE proposal_id = $1`, [proposalId]);
    return rows.map((row) => ({
      proposalId,
      revisionNo: row.revision_no,
      revisionText: row.revision_text,
      content: row.content,
    }));
  }
}
