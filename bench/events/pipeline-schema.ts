import type { MigrationInterface, QueryRunner } from 'typeorm';
import { MESSAGING_MIGRATIONS } from '@sanshe/messaging';
import { qualifiedTable, schemaOf } from '@sanshe/persistence';

/** The service-side table both (b) and (c) write: one proposal row per aggregate. */
export class CreateBenchProposals1764300000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE TABLE ${schemaOf(runner)}.proposals (id text PRIMARY KEY, payload jsonb NOT NULL, updated_at timestamptz NOT NULL)`,
    );
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${schemaOf(runner)}.proposals`);
  }
}

/** The statement every proposal write runs, in (b), (c)'s writers and (c)'s read model: $1 id, $2 payload. */
export const upsertProposalSql = (schema: string): string =>
  `INSERT INTO ${qualifiedTable(schema, 'proposals')} (id, payload, updated_at) VALUES ($1, $2, now()) ` +
  'ON CONFLICT (id) DO UPDATE SET payload = excluded.payload, updated_at = excluded.updated_at';

/** The exact tables of a Sanshe service: its own write table plus libs/messaging's outbox and inbox. */
export const BENCH_MIGRATIONS = [...MESSAGING_MIGRATIONS, CreateBenchProposals1764300000000];
