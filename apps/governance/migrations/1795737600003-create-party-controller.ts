import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/** Who created the seeded rows; `down` removes the table whole. */
export const CONTROLLER_SEED_ORIGIN = 'seed';

/**
 * Who may speak for each party (docs/decisions.md, "Controllers"): a pattern (`kind:*` for a whole kind,
 * or one party id) and its controller (`community`, `organization`, `talent`, `funding` or `portal:<id>`).
 * Seeded with the defaults every district starts with; frozen here, like all migration data.
 */
export class CreatePartyController1795737600003 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.party_controller (
        party_pattern text        PRIMARY KEY CHECK (party_pattern ~ '^[a-z][a-z-]*:([A-Za-z0-9][A-Za-z0-9._:-]*|\\*)$'),
        controller    text        NOT NULL CHECK (controller ~ '^(community|organization|talent|funding|portal:[a-z0-9][a-z0-9-]*)$'),
        origin        text        NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now()
      )`);
    const seeds = [
      ['community:*', 'community'],
      ['residents:*', 'community'],
      ['organization:*', 'organization'],
      ['talent:*', 'talent'],
      ['funder:*', 'funding'],
    ];
    for (const [pattern, controller] of seeds) {
      await runner.query(`INSERT INTO ${s}.party_controller (party_pattern, controller, origin) VALUES ($1, $2, $3)`, [
        pattern,
        controller,
        CONTROLLER_SEED_ORIGIN,
      ]);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${schemaOf(runner)}.party_controller`);
  }
}
