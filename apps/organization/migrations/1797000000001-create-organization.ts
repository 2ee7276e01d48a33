import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * The registry: each social organization as the registration authority knows it (统一社会信用代码,
 * status, grade, the communities it serves, the organization incubating it), and the history of its
 * status. The legal representative is a person's name: kept here, never put on the wire.
 */
export class CreateOrganization1797000000001 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.organization (
        organization_id            text        PRIMARY KEY,
        name                       text        NOT NULL,
        type                       text        NOT NULL CHECK (type IN ('social-work-agency', 'foundation',
                                     'charitable-association', 'private-non-enterprise', 'community-group',
                                     'volunteer-team')),
        credit_code                text        CONSTRAINT organization_credit_code_unique UNIQUE CHECK (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
        legal_rep_name             text        NOT NULL,
        legal_rep_title            text,
        registration_district_code text        NOT NULL CHECK (registration_district_code ~ '^[0-9]{6}$'),
        status                     text        NOT NULL CHECK (status IN ('provisional', 'registered', 'suspended',
                                     'deregistered')),
        communities_served         text[]      NOT NULL CHECK (cardinality(communities_served) >= 1),
        grade                      text        CHECK (grade IN ('1A', '2A', '3A', '4A', '5A')),
        grade_assessed_on          date,
        grade_valid_until          date,
        grade_ref                  text,
        mentor_organization_id     text        REFERENCES ${s}.organization (organization_id)
                                     CHECK (mentor_organization_id <> organization_id),
        incubated_since            date,
        revision                   int         NOT NULL CHECK (revision >= 1),
        created_by                 text        NOT NULL,
        created_at                 timestamptz NOT NULL DEFAULT now(),
        updated_at                 timestamptz NOT NULL DEFAULT now(),
        CHECK (credit_code IS NOT NULL OR type IN ('community-group', 'volunteer-team')),
        CHECK ((grade IS NULL) = (grade_valid_until IS NULL)),
        CHECK ((grade IS NULL) = (grade_assessed_on IS NULL))
      )`);
    await runner.query(`CREATE INDEX organization_by_mentor ON ${s}.organization (mentor_organization_id)`);
    await runner.query(`CREATE INDEX organization_by_community ON ${s}.organization USING gin (communities_served)`);
    await runner.query(`
      CREATE TABLE ${s}.organization_status_change (
        organization_id text        NOT NULL REFERENCES ${s}.organization (organization_id),
        seq             int         NOT NULL,
        from_status     text        NOT NULL,
        to_status       text        NOT NULL,
        reason          text        NOT NULL,
        by_sub          text        NOT NULL,
        at              timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, seq)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP TABLE ${s}.organization_status_change`);
    await runner.query(`DROP TABLE ${s}.organization`);
  }
}
