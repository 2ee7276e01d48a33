import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { qualifiedTable } from '@sanshe/persistence';
import { LatencyRecorder } from '../shared/measure';
import type { LedgerBenchConfig } from './config';
import type { PhaseResult } from './report';

/**
 * Baseline (a): raw `pg` transactions of a posting's shape on the same tables (their CHECKs and
 * triggers included): BEGIN; insert the entry; insert its two lines; update the two balances (in
 * account-id order); COMMIT. No idempotency check, no locking read, no hashing: what Ledger.post adds.
 */
export async function runBaseline(cfg: LedgerBenchConfig, schema: string, run: number): Promise<PhaseResult> {
  const pool = new Pool({ connectionString: cfg.databaseUrl, max: cfg.connections, application_name: 'bench-ledger' });
  pool.on('error', (err) => console.warn(`  warning: idle PostgreSQL client: ${err.message}`));
  const [accounts, entries, lines] = ['ledger_account', 'journal_entry', 'journal_line'].map((t) =>
    qualifiedTable(schema, t),
  );
  const program = (seq: number) => `raw-${run}-${seq % cfg.keys}`;
  const hash = 'b'.repeat(64);
  const latencies = new LatencyRecorder();

  const transaction = async (seq: number): Promise<void> => {
    const [available, source] = [`program/${program(seq)}/available`, `program/${program(seq)}/source`];
    const amount = 1 + (seq % 100);
    const entryId = randomUUID();
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO ${entries} (entry_id, idempotency_key, content_hash, kind, cause_type, cause_id, currency)
         VALUES ($1, $2, $3, 'fund', 'program', $4, 'CNY')`,
        [entryId, `raw/${run}/${seq}`, hash, program(seq)],
      );
      const line = `INSERT INTO ${lines} (entry_id, line_no, account_id, side, amount_fen) VALUES ($1, $2, $3, $4, $5)`;
      await client.query(line, [entryId, 1, available, 'debit', amount]);
      await client.query(line, [entryId, 2, source, 'credit', amount]);
      const move = `UPDATE ${accounts} SET balance_fen = balance_fen + $2 WHERE account_id = $1`;
      await client.query(move, [available, amount]);
      await client.query(move, [source, amount]);
      await client.query('COMMIT');
      client.release();
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release(true);
      throw err;
    }
  };
  const drive = async (from: number, to: number, deadline: number, record: boolean): Promise<number> => {
    let next = from;
    let committed = 0;
    const worker = async (): Promise<void> => {
      while (next < to && performance.now() < deadline) {
        const started = performance.now();
        await transaction(next++);
        if (record) latencies.record(performance.now() - started);
        committed++;
      }
    };
    await Promise.all(Array.from({ length: cfg.connections }, worker));
    return committed;
  };

  try {
    await openAccounts(
      pool,
      accounts,
      Array.from({ length: cfg.keys }, (_, key) => program(key)),
    );
    await drive(0, cfg.warmup, performance.now() + cfg.phaseTimeoutMs, false);
    const t0 = performance.now();
    const committed = await drive(cfg.warmup, cfg.warmup + cfg.postings, t0 + cfg.phaseTimeoutMs, true);
    const ms = performance.now() - t0;
    const { p50Ms, p99Ms } = latencies.summary();
    return { committed, ms, perSec: (committed * 1000) / ms, p50Ms, p99Ms, timedOut: committed < cfg.postings };
  } finally {
    await pool.end();
  }
}

async function openAccounts(pool: Pool, accounts: string, programs: string[]): Promise<void> {
  await pool.query(
    `INSERT INTO ${accounts} (account_id, owner_kind, owner_id, purpose, currency, normal_side)
     SELECT 'program/' || p || '/' || purpose, 'program', p, purpose, 'CNY',
            CASE purpose WHEN 'source' THEN 'credit' ELSE 'debit' END
       FROM unnest($1::text[]) AS p, unnest(ARRAY['available', 'source']) AS purpose`,
    [programs],
  );
}
