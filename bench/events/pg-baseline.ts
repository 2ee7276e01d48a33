import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { errorMessage } from '@sanshe/common';
import { migrate, qualifiedTable, quoteIdentifier } from '@sanshe/persistence';
import type { BenchConfig } from './config';
import { BENCH_EVENT_TYPE, makeEvent } from './event';
import { BENCH_MIGRATIONS, upsertProposalSql } from './pipeline-schema';
import { rate, type RateResult } from './measure';

/**
 * Baseline (b): raw PostgreSQL transactions of the shape of a service write plus its outbox row,
 * with plain `pg`: BEGIN; upsert one proposal; insert one outbox row; COMMIT. `connections`
 * transactions in flight (closed loop). In a fresh schema, dropped afterwards.
 */
export async function runPgBaseline(cfg: BenchConfig): Promise<RateResult> {
  const schema = `bench_events_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const pool = new Pool({ connectionString: cfg.databaseUrl, max: cfg.connections, application_name: 'bench-events' });
  pool.on('error', (err) => console.warn(`  warning: idle PostgreSQL client: ${err.message}`));
  const upsert = upsertProposalSql(schema);
  const outbox = `INSERT INTO ${qualifiedTable(schema, 'outbox')} (event_id, event_type, topic, partition_key, lane, payload) VALUES ($1, $2, $3, $4, $5, $6)`;

  const transaction = async (seq: number): Promise<void> => {
    const event = makeEvent(seq, cfg.keys, cfg.payloadBytes);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(upsert, [event.key, event.dataJson]);
      await client.query(outbox, [
        event.id,
        BENCH_EVENT_TYPE,
        'sanshe.bench.proposals',
        event.key,
        seq % 16,
        event.json,
      ]);
      await client.query('COMMIT');
      client.release();
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release(true);
      throw err;
    }
  };
  /** Runs transactions [from, to) with `connections` in flight until the deadline; returns how many committed. */
  const run = async (from: number, to: number, deadline: number): Promise<number> => {
    let next = from;
    let committed = 0;
    const worker = async (): Promise<void> => {
      while (next < to && performance.now() < deadline) {
        await transaction(next++);
        committed++;
      }
    };
    await Promise.all(Array.from({ length: cfg.connections }, worker));
    return committed;
  };

  try {
    // The same tables as (c): a service's write table and libs/messaging's outbox and inbox.
    await migrate({ url: cfg.databaseUrl, schema, migrations: BENCH_MIGRATIONS });
    const warm = await run(0, cfg.warmup, performance.now() + cfg.phaseTimeoutMs);

    const t0 = performance.now();
    const committed = await run(cfg.warmup, cfg.warmup + cfg.events, t0 + cfg.phaseTimeoutMs);
    const t1 = performance.now();
    const { rows } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${qualifiedTable(schema, 'outbox')}`);
    const stored = Number(rows[0]?.n ?? 0);
    const setting = await pool.query<{ synchronous_commit: string }>('SHOW synchronous_commit');
    return rate(committed, t1 - t0, committed < cfg.events, [
      `outbox rows ${stored} = ${warm} warm-up + ${committed} timed: ${stored === warm + committed ? 'ok' : 'MISMATCH'}`,
      `synchronous_commit=${setting.rows[0]?.synchronous_commit ?? '?'}`,
    ]);
  } finally {
    await pool.query(`DROP SCHEMA IF EXISTS ${quoteIdentifier(schema)} CASCADE`).catch((err: unknown) => {
      console.warn(`  warning: drop schema ${schema} failed: ${errorMessage(err)}`);
    });
    await pool.end();
  }
}
