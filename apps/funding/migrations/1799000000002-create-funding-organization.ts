import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * What funding knows of each social organization, from organization.registered/updated (the newest
 * revision wins; a deregistered one is kept with its status): enough to judge eligibility.
 */
export class CreateFundingOrganization1799000000002 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.funding_organization (
        organization_id     text        PRIMARY KEY,
        type                text        NOT NULL,
        status              text        NOT NULL,
        grade               text        CHECK (grade IN ('1A', '2A', '3A', '4A', '5A')),
        grade_valid_until   date,
        registration_district_code text NOT NULL,
        communities_served  text[]      NOT NULL DEFAULT '{}',
        revision            int         NOT NULL CHECK (revision >= 1),
        updated_at          timestamptz NOT NULL DEFAULT now(),
        CHECK ((grade IS NULL) = (grade_valid_until IS NULL))
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${schemaOf(runner)}.funding_organization`);
  }
}
