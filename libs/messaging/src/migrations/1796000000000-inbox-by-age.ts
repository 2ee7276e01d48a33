import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * An index on each consumer's inbox rows by age, so that the inbox prune (InboxPruner) finds the rows
 * past the retention without reading the whole table on every batch. A plain CREATE INDEX (migrations
 * run in a transaction): it holds off inbox writes while it builds, which on an inbox of weeks of rows
 * takes seconds; consumers retry what waits (docs/operations.md).
 */
export class InboxByAge1796000000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE INDEX inbox_by_age ON ${schemaOf(runner)}.inbox (consumer, received_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX ${schemaOf(runner)}.inbox_by_age`);
  }
}
