import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * The portal registry (docs/operations.md, "Portals"): each government portal, the areas it acts on
 * (district, street or community codes), the Kafka principal it logs in as, and the parties it speaks for
 * besides portal:<portal_id>. The checks repeat the contract's patterns, so no writer can store what the
 * API would refuse. `version` counts the registration and each update (optimistic concurrency).
 */
export class CreatePortal1795737600021 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.portal (
        portal_id       text        PRIMARY KEY CHECK (portal_id ~ '^[a-z0-9][a-z0-9-]*$' AND length(portal_id) <= 63),
        name            text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        kind            text        NOT NULL
                        CHECK (kind IN ('district-bureau', 'street-office', 'funder', 'residents-app', 'other')),
        jurisdiction    text[]      NOT NULL CHECK (
                          cardinality(jurisdiction) BETWEEN 1 AND 100
                          AND array_to_string(jurisdiction, ',') ~ '^[0-9]{6}(-[0-9]{3}){0,2}(,[0-9]{6}(-[0-9]{3}){0,2})*$'),
        kafka_principal text        NOT NULL CHECK (kafka_principal ~ '^User:[A-Za-z0-9][A-Za-z0-9._-]*$'),
        speaks_for      text[]      NOT NULL DEFAULT '{}' CHECK (
                          cardinality(speaks_for) <= 50
                          AND (cardinality(speaks_for) = 0 OR array_to_string(speaks_for, ' ')
                               ~ '^[a-z][a-z-]*:[A-Za-z0-9][A-Za-z0-9._:-]*( [a-z][a-z-]*:[A-Za-z0-9][A-Za-z0-9._:-]*)*$')
                          AND NOT array_to_string(speaks_for, ' ') ~ '(^| )portal:'),
        status          text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
        registered_by   text        NOT NULL,
        registered_at   timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        version         integer     NOT NULL DEFAULT 1 CHECK (version >= 1)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${schemaOf(runner)}.portal`);
  }
}
