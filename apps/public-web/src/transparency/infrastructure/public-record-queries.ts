import type { EntityManager } from 'typeorm';
import type {
  CastVote,
  PublicDecision,
  PublicEvaluation,
  PublicGrant,
  PublicNeed,
  PublicTranche,
  Seat,
} from '../domain/public-record';
import type { CommunityRecord, CommunitySummary } from '../domain/public-record.repository';

/** The public record's tables, each schema-qualified and quoted. */
export const PUBLIC_TABLES = [
  'community',
  'need',
  'decision',
  'seat',
  'vote',
  'vote_refusal',
  'grant',
  'tranche',
  'evaluation',
] as const;
export type PublicTables = Record<(typeof PUBLIC_TABLES)[number], string>;

/** At most this many rows of each list: the page is a page, not an export. */
const LIMIT = 200;

type Row = Record<string, unknown>;
// node-postgres reads a date column as local midnight: its local fields are the calendar day.
const date = (value: unknown) =>
  value instanceof Date
    ? [value.getFullYear(), value.getMonth() + 1, value.getDate()].map((n) => String(n).padStart(2, '0')).join('-')
    : String(value);
// bigint arrives as text; fen amounts stay below 2^53.
const money = (fen: unknown, currency: unknown) =>
  fen === null ? null : { amountFen: Number(fen), currency: currency as string };

/** Every community the record names, with how much it holds of each kind. */
export async function readCommunities(manager: EntityManager, t: PublicTables): Promise<CommunitySummary[]> {
  const rows = await manager.query<Row[]>(
    `WITH codes AS (SELECT community_code FROM ${t.community} UNION SELECT community_code FROM ${t.need}
                    UNION SELECT community_code FROM ${t.decision} WHERE community_code IS NOT NULL
                    UNION SELECT community_code FROM ${t.grant})
     SELECT codes.community_code, c.name, c.street_code,
            (SELECT count(*) FROM ${t.need} n WHERE n.community_code = codes.community_code) AS needs,
            (SELECT count(*) FROM ${t.decision} d WHERE d.community_code = codes.community_code) AS decisions,
            (SELECT count(*) FROM ${t.grant} g WHERE g.community_code = codes.community_code) AS grants
       FROM codes LEFT JOIN ${t.community} c USING (community_code)
      ORDER BY codes.community_code LIMIT 1000`,
  );
  return rows.map((r) => ({
    communityCode: r.community_code as string,
    name: r.name as string | null,
    streetCode: r.street_code as string | null,
    needs: Number(r.needs), // count() arrives as text
    decisions: Number(r.decisions),
    grants: Number(r.grants),
  }));
}

/** Everything public about one community, in one read-only pass; null when nothing names it. */
export async function readRecord(
  manager: EntityManager,
  t: PublicTables,
  code: string,
): Promise<CommunityRecord | null> {
  const [community] = await manager.query<Row[]>(`SELECT * FROM ${t.community} WHERE community_code = $1`, [code]);
  const needs = await manager.query<Row[]>(
    `SELECT * FROM ${t.need} WHERE community_code = $1 ORDER BY published_at DESC, need_id LIMIT ${LIMIT}`,
    [code],
  );
  const decisions = await readDecisions(manager, t, code);
  const grants = await readGrants(manager, t, code);
  const evaluations = await manager.query<Row[]>(
    `SELECT * FROM ${t.evaluation} WHERE community_code = $1 ORDER BY recorded_at, evaluation_id LIMIT ${LIMIT * 5}`,
    [code],
  );
  if (!community && !needs.length && !decisions.length && !grants.length && !evaluations.length) return null;
  return {
    community: {
      communityCode: code,
      name: (community?.name as string | undefined) ?? null,
      streetCode: (community?.street_code as string | undefined) ?? null,
    },
    needs: needs.map(toNeed),
    decisions,
    grants,
    evaluations: evaluations.map(toEvaluation),
  };
}

async function readDecisions(manager: EntityManager, t: PublicTables, code: string) {
  const decisions = await manager.query<Row[]>(
    `SELECT * FROM ${t.decision} WHERE community_code = $1
      ORDER BY COALESCE(decided_at, opened_at) DESC NULLS LAST, decision_id LIMIT ${LIMIT}`,
    [code],
  );
  const ids = decisions.map((d) => d.decision_id as string);
  const seats = await manager.query<Row[]>(`SELECT * FROM ${t.seat} WHERE decision_id = ANY($1)`, [ids]);
  const votes = await manager.query<Row[]>(
    `SELECT v.*, r.code AS refused_code FROM ${t.vote} v
       LEFT JOIN ${t.vote_refusal} r ON r.event_id = v.event_id AND (r.source = v.source OR r.source = '')
      WHERE v.decision_id = ANY($1) ORDER BY v.cast_at`,
    [ids],
  );
  return decisions.map((d) => ({
    ...toDecision(d),
    seats: seats.filter((s) => s.decision_id === d.decision_id).map(toSeat),
    votes: votes.filter((v) => v.decision_id === d.decision_id).map(toVote),
  }));
}

async function readGrants(manager: EntityManager, t: PublicTables, code: string): Promise<PublicGrant[]> {
  const grants = await manager.query<Row[]>(
    `SELECT * FROM ${t.grant} WHERE community_code = $1 ORDER BY grant_id LIMIT ${LIMIT}`,
    [code],
  );
  const tranches = await manager.query<Row[]>(
    `SELECT * FROM ${t.tranche} WHERE grant_id = ANY($1) ORDER BY grant_id, tranche_no`,
    [grants.map((g) => g.grant_id)],
  );
  return grants.map((g) => ({
    grantId: g.grant_id as string,
    programId: g.program_id as string | null,
    organizationId: g.organization_id as string | null,
    funderId: g.funder_id as string | null,
    title: g.title as string | null,
    amount: money(g.amount_fen, g.currency),
    status: g.status as PublicGrant['status'],
    voidReason: g.void_reason as string | null,
    tranches: tranches.filter((r) => r.grant_id === g.grant_id).map(toTranche),
  }));
}

const toTranche = (r: Row): PublicTranche => {
  const paid = money(r.paid_fen, r.currency);
  return {
    trancheNo: r.tranche_no as number,
    amount: money(r.amount_fen, r.currency),
    milestone: r.milestone as string | null,
    dueDate: r.due_date === null ? null : date(r.due_date),
    paid: paid && r.paid_at ? { amount: paid, paidAt: r.paid_at as Date } : null,
  };
};

const toNeed = (r: Row): PublicNeed => ({
  needId: r.need_id as string,
  category: r.category as string,
  title: r.title as string,
  targetGroup: r.target_group as string,
  expectedSize: r.expected_size as number,
  priority: r.priority as string,
  period: { from: date(r.period_from), to: date(r.period_to) },
  status: r.status as PublicNeed['status'],
  closeReason: r.close_reason as string | null,
  decisionId: r.decision_id as string | null,
  publishedAt: r.published_at as Date,
});

const toDecision = (r: Row): PublicDecision => ({
  decisionId: r.decision_id as string,
  kind: r.kind as string,
  subjectId: r.subject_id as string,
  title: r.title as string | null,
  proposerId: r.proposer_id as string | null,
  stage: r.stage as PublicDecision['stage'],
  result: r.result as string | null,
  decidedBy: r.decided_by as string | null,
  level: r.level as number | null,
  arbiterId: r.arbiter_id as string | null,
  outcomeReason: r.outcome_reason as string | null,
  openedAt: r.opened_at as Date | null,
  decidedAt: r.decided_at as Date | null,
});

const toSeat = (r: Row): Seat => ({
  decisionId: r.decision_id as string,
  round: r.round as number,
  partyId: r.party_id as string,
  deadline: r.deadline as Date,
  openedAt: r.opened_at as Date,
});

const toVote = (r: Row): CastVote => ({
  decisionId: r.decision_id as string,
  partyId: r.party_id as string,
  choice: r.choice as CastVote['choice'],
  round: r.round as number | null,
  reason: r.reason_code === null ? null : { code: r.reason_code as string, text: (r.reason_text as string) ?? '' },
  castAt: r.cast_at as Date,
  refusedCode: r.refused_code as string | null,
});

const toEvaluation = (r: Row): PublicEvaluation => ({
  evaluationId: r.evaluation_id as string,
  activityId: r.activity_id as string,
  organizationId: r.organization_id as string,
  evaluator: r.evaluator as string,
  scores: r.scores as PublicEvaluation['scores'],
  recordedAt: r.recorded_at as Date,
});
