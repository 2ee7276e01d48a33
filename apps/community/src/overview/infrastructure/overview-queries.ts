import type { EntityManager } from 'typeorm';
import type { ActiveOrganization, OverviewDecision, OverviewGrant } from '../domain/community-overview';
import type { CommunityOverviewRows } from '../domain/overview.repository';

export interface OverviewTables {
  proposal: string;
  activity: string;
  decision: string;
  grant: string;
}

/** At most this many rows of each list: the overview is a page, not an export. */
const LIMIT = 200;

interface ProposalRow {
  proposal_id: string;
  organization_id: string;
  title: string;
  need_id: string | null;
  amended: number;
  submitted_at: Date;
  decision_id: string | null;
  stage: string | null;
  result: string | null;
}

/** Everything the overview shows of one community, newest first, in one read-only pass. */
export async function readOverview(
  manager: EntityManager,
  tables: OverviewTables,
  communityCode: string,
): Promise<CommunityOverviewRows> {
  const proposals = await manager.query<ProposalRow[]>(
    `SELECT p.proposal_id, p.organization_id, p.title, p.need_id, p.amended, p.submitted_at,
            d.decision_id, d.stage, d.result
       FROM ${tables.proposal} p
       LEFT JOIN ${tables.decision} d ON d.decision_id = 'decision/activity-proposal/' || p.proposal_id
      WHERE p.community_code = $1 ORDER BY p.submitted_at DESC, p.proposal_id LIMIT ${LIMIT}`,
    [communityCode],
  );
  const decisions = await manager.query<Record<string, unknown>[]>(
    `SELECT * FROM ${tables.decision} WHERE community_code = $1 ORDER BY updated_at DESC LIMIT ${LIMIT}`,
    [communityCode],
  );
  const grants = await manager.query<Record<string, unknown>[]>(
    `SELECT * FROM ${tables.grant} WHERE community_code = $1 ORDER BY updated_at DESC LIMIT ${LIMIT}`,
    [communityCode],
  );
  const organizations = await activeOrganizations(manager, tables, communityCode);
  const asOf = await newestEventTime(manager, tables, communityCode);
  return {
    proposals: proposals.map((row) => ({
      proposalId: row.proposal_id,
      organizationId: row.organization_id,
      title: row.title,
      needId: row.need_id,
      amended: row.amended,
      submittedAt: row.submitted_at,
      decision: row.decision_id ? { decisionId: row.decision_id, stage: row.stage ?? '', result: row.result } : null,
    })),
    decisions: decisions.map(toDecision),
    grants: grants.map(toGrant),
    organizations,
    asOf,
  };
}

const toDecision = (row: Record<string, unknown>): OverviewDecision => ({
  decisionId: row.decision_id as string,
  kind: row.kind as string,
  subjectId: row.subject_id as string,
  title: row.title as string | null,
  stage: row.stage as OverviewDecision['stage'],
  escalationLevel: row.escalation_level as number | null,
  arbiterId: row.arbiter_id as string | null,
  result: row.result as string | null,
  decidedBy: row.decided_by as string | null,
  updatedAt: row.updated_at as Date,
});

const toGrant = (row: Record<string, unknown>): OverviewGrant => ({
  grantId: row.grant_id as string,
  programId: row.program_id as string | null,
  organizationId: row.organization_id as string | null,
  funderId: row.funder_id as string | null,
  // bigint arrives as text; fen amounts stay below 2^53.
  amount: row.amount_fen === null ? null : { amountFen: Number(row.amount_fen), currency: row.currency as string },
  title: row.title as string | null,
  status: row.status as OverviewGrant['status'],
  decisionId: row.decision_id as string | null,
  updatedAt: row.updated_at as Date,
});

/** Organizations that proposed or completed an activity in the community, most recently seen first. */
async function activeOrganizations(
  manager: EntityManager,
  tables: OverviewTables,
  communityCode: string,
): Promise<ActiveOrganization[]> {
  const rows = await manager.query<
    { organization_id: string; proposals: string; activities: string; last_seen_at: Date }[]
  >(
    `SELECT organization_id, count(proposal_id) AS proposals, count(activity_id) AS activities,
            max(seen_at) AS last_seen_at
       FROM (SELECT organization_id, proposal_id, NULL AS activity_id, updated_at AS seen_at
               FROM ${tables.proposal} WHERE community_code = $1
             UNION ALL
             SELECT organization_id, NULL, activity_id, completed_at FROM ${tables.activity} WHERE community_code = $1) seen
      GROUP BY organization_id ORDER BY max(seen_at) DESC LIMIT ${LIMIT}`,
    [communityCode],
  );
  return rows.map((row) => ({
    organizationId: row.organization_id,
    proposals: Number(row.proposals), // count() arrives as text
    activitiesCompleted: Number(row.activities),
    lastSeenAt: row.last_seen_at,
  }));
}

/** When the newest event shown for the community happened; null when none was. */
async function newestEventTime(manager: EntityManager, tables: OverviewTables, communityCode: string) {
  const [row] = await manager.query<{ as_of: Date | null }[]>(
    `SELECT GREATEST((SELECT max(updated_at) FROM ${tables.proposal} WHERE community_code = $1),
                     (SELECT max(completed_at) FROM ${tables.activity} WHERE community_code = $1),
                     (SELECT max(updated_at) FROM ${tables.decision} WHERE community_code = $1),
                     (SELECT max(updated_at) FROM ${tables.grant} WHERE community_code = $1)) AS as_of`,
    [communityCode],
  );
  return row?.as_of ?? null;
}
