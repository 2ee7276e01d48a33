import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * Keys the inbox by the CloudEvents identity, (source, id), instead of the id alone: two portals that
 * both number their events 1, 2, 3 no longer drop each other's events, and an id guessed and published
 * first by one producer no longer suppresses another producer's event (docs/events.md, "Delivery
 * guarantees"). Rows recorded before this have source '' and are honoured by id alone (InboxTable).
 * The default stays so that an instance still running the older code during an upgrade can record
 * rows, which are then such legacy rows.
 */
export class InboxKeyedBySource1795900000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`ALTER TABLE ${s}.inbox ADD COLUMN event_source text NOT NULL DEFAULT ''`);
    await runner.query(
      `ALTER TABLE ${s}.inbox DROP CONSTRAINT inbox_pkey, ADD PRIMARY KEY (consumer, event_source, event_id)`,
    );
  }

  /** An id that several sources used keeps one row: the old key cannot tell them apart, and one row absorbs it. */
  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(
      `DELETE FROM ${s}.inbox later USING ${s}.inbox kept
       WHERE later.consumer = kept.consumer AND later.event_id = kept.event_id AND later.event_source > kept.event_source`,
    );
    await runner.query(`ALTER TABLE ${s}.inbox DROP CONSTRAINT inbox_pkey, ADD PRIMARY KEY (consumer, event_id)`);
    await runner.query(`ALTER TABLE ${s}.inbox DROP COLUMN event_source`);
  }
}
