import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * The outbox (events written in the same transaction as the state change, published by the relay)
 * and the inbox (events a consumer has applied, so a redelivery has no second effect; keyed by
 * source and id since InboxKeyedBySource1795900000000). Services list MESSAGING_MIGRATIONS.
 */
export class CreateOutboxAndInbox1764201600000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.outbox (
        position      bigserial PRIMARY KEY,
        event_id      text        NOT NULL UNIQUE,
        event_type    text        NOT NULL,
        topic         text        NOT NULL,
        partition_key text        NOT NULL,
        lane          smallint    NOT NULL,
        payload       text        NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        sent_at       timestamptz
      )`);
    await runner.query(`CREATE INDEX outbox_unsent_by_lane ON ${s}.outbox (lane, position) WHERE sent_at IS NULL`);
    await runner.query(`CREATE INDEX outbox_sent_at ON ${s}.outbox (sent_at) WHERE sent_at IS NOT NULL`);
    await runner.query(`
      CREATE TABLE ${s}.inbox (
        consumer    text        NOT NULL,
        event_id    text        NOT NULL,
        event_type  text        NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP TABLE ${s}.inbox`);
    await runner.query(`DROP TABLE ${s}.outbox`);
  }
}
