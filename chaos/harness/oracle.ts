import { isDeepStrictEqual } from 'node:util';
import type { Kafka } from 'kafkajs';
import { Client as PgClient } from 'pg';
import { contextTopic, deadLetterTopic } from '@sanshe/contracts';
import { DEAD_LETTER_REPLAY_HEADERS, readToHighWaterMarks, type TopicRecord } from '@sanshe/messaging';
import { bearer, devToken } from '@sanshe/testing';
import { type AuditRecord, findBrokenLink } from '@sanshe/workflows';
import type { Plan, PlannedDecision } from './plan';
import { PRODUCER_SCHEMA } from './producer';

export const GOVERNANCE_DLQ = deadLetterTopic('sanshe-governance');
export const INPUT_TOPICS = (['organization', 'community', 'talent', 'funding'] as const).map((c) => contextTopic(c));
const DECIDED = 'sanshe.governance.decision.decided.v1';

export interface OracleResult {
  planned: number;
  applied: number;
  /**
   * Extra copies of one event id that reached Kafka (relay re-sends: delivery is at-least-once) and were
   * harmless: planned events that took effect once, and `decided` events sent again with the same id.
   */
  duplicatesAbsorbed: number;
  deadLetters: number;
  lost: number;
  duplicated: number;
  problems: string[];
}

/** Where each topic stood when the scenario began: the oracle reads only what came after. */
export type StartOffsets = Map<string, Map<number, number>>;

interface OracleInput {
  plan: Plan;
  /** Other scenarios' deliberate poison: not this scenario's dead letters, if --short settles it while they run. */
  tolerated: string[];
  kafka: Kafka;
  databaseUrl: string;
  governancePort: number;
  start: StartOffsets;
}

type Audit = AuditRecord<{ type: string; partyId?: string; round?: number; choice?: string }>[];

async function storedAudit(port: number, decisionId: string): Promise<Audit | undefined> {
  const token = await devToken({ sub: 'chaos-oracle', parties: [], roles: [] });
  const response = await fetch(`http://127.0.0.1:${port}/decisions/${decisionId}/audit`, { headers: bearer(token) });
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`GET audit of ${decisionId}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Audit;
}

/**
 * Rows not yet sent from the producer's and governance's outboxes: all of them, or only `plan`'s (its events,
 * and governance's events about its decisions, keyed by decision id). With --short the next scenario runs
 * while one settles and is checked, so its fresh rows may be unsent for a moment: not this plan's problem.
 */
export async function unsentOutboxRows(databaseUrl: string, plan?: Plan): Promise<Record<string, number>> {
  const client = new PgClient({ connectionString: databaseUrl });
  await client.connect();
  try {
    const scopes = [
      { schema: PRODUCER_SCHEMA, column: 'event_id', values: plan && plannedEventIds(plan) },
      { schema: 'governance', column: 'partition_key', values: plan?.decisions.map((d) => d.decisionId) },
    ];
    const counts: Record<string, number> = {};
    for (const { schema, column, values } of scopes) {
      const { rows } = await client.query<{ n: string }>(
        `SELECT count(*) AS n FROM ${schema}.outbox WHERE sent_at IS NULL AND ($1::text[] IS NULL OR ${column} = ANY($1))`,
        [values ?? null],
      );
      counts[schema] = Number(rows[0].n);
    }
    return counts;
  } finally {
    await client.end();
  }
}

const plannedEventIds = (plan: Plan) =>
  plan.decisions.flatMap((d) => [d.opening.id, ...d.votes.map((v) => v.event.id)]);

function eventOf(record: TopicRecord): { id: string; source: string; type: string } {
  try {
    return JSON.parse(record.value) as { id: string; source: string; type: string };
  } catch {
    return { id: `(not JSON at ${record.partition}/${record.offset})`, source: '', type: '' }; // e.g. a poison
  }
}

/** Per-key order on the governance topic: each new event id of a decision has a higher audit seq. */
function orderProblems(decisionId: string, records: TopicRecord[]): string[] {
  const seen = new Set<string>();
  let last = -1;
  for (const { id } of records.map(eventOf)) {
    if (seen.has(id)) continue; // a re-sent batch repeats what came before; order is about first sight
    seen.add(id);
    const seq = id.endsWith('/outcome') ? Number.MAX_SAFE_INTEGER : Number(id.slice(id.lastIndexOf('/') + 1));
    if (seq <= last) return [`${decisionId}: ${id} on Kafka after a later event of the decision`];
    last = seq;
  }
  return [];
}

function checkDecision(decision: PlannedDecision, audit: Audit | undefined, published: TopicRecord[]) {
  const problems: string[] = [];
  let applied = 0;
  let duplicated = 0;
  if (!audit) {
    return { applied, duplicated, absorbed: 0, problems: [`${decision.decisionId}: not closed (no stored audit)`] };
  }
  const count = (type: string, partyId?: string) =>
    audit.filter((r) => r.entry.type === type && (partyId === undefined || r.entry.partyId === partyId)).length;
  // A vote is its party's choice in its round (the one it names, else 1): a party may vote again after a change or amendment.
  const votesLike = ({ partyId, choice, event }: PlannedDecision['votes'][number]) =>
    audit
      .filter(({ entry: e }) => e.type === 'vote-cast' && e.partyId === partyId && e.choice === choice)
      .filter(({ entry: e }) => e.round === ((event.data.round as number | undefined) ?? 1)).length;
  const effects = [count('opened'), ...decision.votes.map(votesLike)];
  applied += effects.filter((n) => n > 0).length;
  duplicated += effects.reduce((sum, n) => sum + Math.max(0, n - 1), 0);
  const broken = findBrokenLink(audit);
  if (broken !== null) problems.push(`${decision.decisionId}: audit chain broken at ${JSON.stringify(broken)}`);
  const decided = decidedCopies(decision.decisionId, published);
  duplicated += Math.max(0, decided.distinct - 1);
  problems.push(...decided.problems, ...orderProblems(decision.decisionId, published));
  return { applied, duplicated, absorbed: decided.extraCopies, problems };
}

/**
 * Kafka delivery is at-least-once: a relay may send the same `decided` event (same id) again, and consumers
 * deduplicate by source and id. So exactly one distinct id per decision, every copy with the same content;
 * a second distinct id is a decision taken twice.
 */
function decidedCopies(decisionId: string, published: TopicRecord[]) {
  const byId = new Map<string, unknown[]>();
  for (const record of published) {
    const event = eventOf(record);
    if (event.type === DECIDED) byId.set(event.id, [...(byId.get(event.id) ?? []), event]);
  }
  const problems: string[] = [];
  if (byId.size !== 1) {
    problems.push(`${decisionId}: ${byId.size} distinct decided events on Kafka (${[...byId.keys()].join(', ')})`);
  }
  for (const [id, [first, ...copies]] of byId) {
    if (copies.some((copy) => !isDeepStrictEqual(copy, first))) problems.push(`${id}: copies differ in content`);
  }
  const extraCopies = [...byId.values()].reduce((sum, copies) => sum + copies.length - 1, 0);
  return { distinct: byId.size, extraCopies, problems };
}

/** The one oracle every scenario ends with (README "The oracle"). */
export async function runOracle({
  plan,
  tolerated,
  kafka,
  databaseUrl,
  governancePort,
  start,
}: OracleInput): Promise<OracleResult> {
  const read = (topic: string) => readToHighWaterMarks(kafka, topic, start.get(topic));
  const governanceEvents = await read(contextTopic('governance'));
  const result: OracleResult = {
    planned: 0,
    applied: 0,
    duplicatesAbsorbed: 0,
    deadLetters: 0,
    lost: 0,
    duplicated: 0,
    problems: [],
  };
  for (const decision of plan.decisions) {
    result.planned += 1 + decision.votes.length;
    const published = governanceEvents.filter((r) => r.key === decision.decisionId);
    const checked = checkDecision(decision, await storedAudit(governancePort, decision.decisionId), published);
    result.applied += checked.applied;
    result.duplicated += checked.duplicated;
    result.duplicatesAbsorbed += checked.absorbed;
    result.problems.push(...checked.problems);
  }
  result.lost = result.planned - result.applied;

  const plannedIds = new Set(plannedEventIds(plan));
  const deliveries = new Map<string, number>();
  for (const topic of INPUT_TOPICS) {
    for (const record of await read(topic)) {
      const { id } = eventOf(record);
      if (plannedIds.has(id)) deliveries.set(id, (deliveries.get(id) ?? 0) + 1);
    }
  }
  result.duplicatesAbsorbed += [...deliveries.values()].reduce((sum, n) => sum + n - 1, 0);

  // `npm run dlq -- replay` appends a marker record (no value) for each letter it replayed: not a dead letter.
  const isReplayMarker = (r: TopicRecord) => r.headers[DEAD_LETTER_REPLAY_HEADERS.replayOf] !== undefined;
  const allDeadLetters = (await read(GOVERNANCE_DLQ)).filter((r) => !isReplayMarker(r));
  const expected = new Set([...plan.poison, ...tolerated]);
  const deadLetters = allDeadLetters.filter((r) => !expected.has(eventOf(r).id));
  result.deadLetters = deadLetters.length;
  const missing = plan.poison.filter((id) => !allDeadLetters.some((r) => eventOf(r).id === id));
  if (missing.length) result.problems.push(`poison not dead-lettered: ${missing.join(', ')}`);
  if (deadLetters.length) result.problems.push(`dead letters: ${deadLetters.map((r) => eventOf(r).id).join(', ')}`);
  const unsent = await unsentOutboxRows(databaseUrl, plan);
  for (const [schema, n] of Object.entries(unsent)) if (n) result.problems.push(`${schema}.outbox: ${n} rows unsent`);
  if (result.lost) result.problems.push(`${result.lost} planned effects lost`);
  if (result.duplicated) result.problems.push(`${result.duplicated} effects applied twice`);
  return result;
}
