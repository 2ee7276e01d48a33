import type { Kafka } from 'kafkajs';
import { Client as PgClient } from 'pg';
import { sleep } from '@sanshe/common';
import { contextTopic } from '@sanshe/contracts';
import type { AppProcess } from '@sanshe/infra';
import { bearer, devToken } from '@sanshe/testing';
import { readToHighWaterMarks, type TopicRecord } from '@sanshe/messaging';
import type { ScenarioContext } from '../harness/scenario';

/**
 * What the governance scenarios look at besides the shared oracle: governance's own tables (on the suite's
 * PostgreSQL, not through the proxy), its HTTP read side, its refusals on Kafka, and its log.
 */

const VOTE_REJECTED = 'sanshe.governance.decision.vote-rejected.v1';

/** One query on the suite's PostgreSQL, directly (the proxy may be slowed or cut). */
export async function query<T>(ctx: ScenarioContext, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new PgClient({ connectionString: ctx.servers.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Whether governance's inbox recorded the event: its transaction committed. */
export async function inboxHas(ctx: ScenarioContext, eventId: string): Promise<boolean> {
  const rows = await query(ctx, 'SELECT 1 FROM governance.inbox WHERE event_id = $1', [eventId]);
  return rows.length > 0;
}

/** Waits until governance's outbox holds the decision's event of `type` (its publish activity committed). */
export const waitPublished = (ctx: ScenarioContext, decisionId: string, type: string) =>
  waitUntil(`${decisionId}: ${type} in the outbox`, 120_000, async () => {
    const sql = 'SELECT 1 FROM governance.outbox WHERE partition_key = $1 AND event_type = $2';
    return (await query(ctx, sql, [decisionId, `sanshe.governance.decision.${type}.v1`])).length > 0;
  });

/** Polls `check` every 250 ms until it is true; throws `what` after `timeoutMs`. */
export async function waitUntil(what: string, timeoutMs: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await sleep(250);
  }
}

async function readHeaders(): Promise<Record<string, string>> {
  return bearer(await devToken({ sub: 'chaos-governance-scenarios', parties: [], roles: [] }));
}

/** GET a decision resource on a running governance instance: the JSON, or undefined while it answers 404. */
export async function getDecision<T>(ctx: ScenarioContext, path: string): Promise<T | undefined> {
  const [app] = ctx.governance.running();
  if (!app) return undefined;
  const response = await fetch(`http://127.0.0.1:${app.port}/decisions/${path}`, { headers: await readHeaders() });
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`GET /decisions/${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export const waitClosed = (ctx: ScenarioContext, decisionId: string, timeoutMs: number) =>
  waitUntil(`${decisionId} closed`, timeoutMs, async () => (await getDecision(ctx, decisionId)) !== undefined);

/** A stored audit trail's entries, oldest first (after the decision closed). */
export async function storedEntries(ctx: ScenarioContext, decisionId: string): Promise<Record<string, unknown>[]> {
  const audit = await getDecision<{ entry: Record<string, unknown> }[]>(ctx, `${decisionId}/audit`);
  if (!audit) throw new Error(`${decisionId}: no stored audit`);
  return audit.map((record) => record.entry);
}

/** Where the governance topic stands now: read `refusals` from here on. */
export async function governanceTopicMark(kafka: Kafka): Promise<Map<number, number>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(contextTopic('governance')).catch(() => []);
    return new Map(offsets.map((p) => [p.partition, Number(p.high)]));
  } finally {
    await admin.disconnect();
  }
}

/** The ids of planned events that governance refused (vote-rejected) since `from`, with the code. */
export async function refusals(kafka: Kafka, from: Map<number, number>, eventIds: string[]): Promise<string[]> {
  const records: TopicRecord[] = await readToHighWaterMarks(kafka, contextTopic('governance'), from);
  const wanted = new Set(eventIds);
  return records
    .map((r) => JSON.parse(r.value) as { type: string; data: { rejectedEventId?: string; code?: string } })
    .filter((e) => e.type === VOTE_REJECTED && wanted.has(e.data.rejectedEventId ?? ''))
    .map((e) => `${e.data.rejectedEventId} (${e.data.code})`);
}

/** How often this instance's consumer joined its group, from its log (kafkajs: "Consumer has joined the group"). */
export function groupJoins(app: AppProcess): number {
  return app.output().match(/Consumer has joined the group/g)?.length ?? 0;
}

const INBOX_INSERT = /INSERT INTO \S*inbox\b/;

/**
 * Arms the PostgreSQL proxy to swallow the COMMIT of the inbox transaction that records `eventId` (its
 * Update has then succeeded): PostgreSQL never sees it, and governance waits for its answer. Resolves
 * when it did. The proxy reads the protocol as it passes; nothing in governance changes.
 */
function holdInboxCommit(ctx: ScenarioContext, eventId: string): Promise<void> {
  const recording = new Set<number>(); // connections whose open transaction recorded the event
  return new Promise((resolve) => {
    ctx.databaseProxy.tap = (chunk, toServer, connection) => {
      if (!toServer) return false;
      const text = chunk.toString('utf8');
      if (INBOX_INSERT.test(text) && text.includes(eventId)) recording.add(connection);
      else if (recording.has(connection) && /\bROLLBACK\b/.test(text)) recording.delete(connection);
      else if (recording.has(connection) && /\bCOMMIT\b/.test(text)) {
        ctx.databaseProxy.tap = undefined;
        resolve();
        return true;
      }
      return false;
    };
  });
}

/**
 * Crash window "after the Update succeeded, before the inbox commit": `produce` writes the event, the
 * proxy holds back the COMMIT of the inbox transaction that recorded it, and once `ready` holds (the
 * Update is in the workflow, say, or the workflow continued as new) governance is SIGKILLed. The inbox row
 * must be absent then; a new instance is started, and the event is redelivered to it.
 */
export async function killAfterUpdate(
  ctx: ScenarioContext,
  eventId: string,
  produce: () => Promise<void>,
  ready: () => Promise<boolean>,
): Promise<void> {
  const [victim] = ctx.governance.running();
  const held = holdInboxCommit(ctx, eventId);
  try {
    await produce();
    await waitUntil(`the inbox COMMIT of ${eventId}`, 120_000, async () =>
      Promise.race([held.then(() => true), sleep(200).then(() => false)]),
    );
    await waitUntil(`ready to kill at ${eventId}`, 45_000, ready); // within idle_in_transaction_session_timeout
  } finally {
    ctx.databaseProxy.tap = undefined;
  }
  ctx.log(`SIGKILL governance pid ${victim.child.pid}: ${eventId} applied, its inbox COMMIT held back`);
  await ctx.governance.kill(victim);
  if (await inboxHas(ctx, eventId)) throw new Error(`${eventId}: inbox row committed before the kill (window missed)`);
  await ctx.governance.start();
}
