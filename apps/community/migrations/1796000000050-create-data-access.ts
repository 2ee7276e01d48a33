import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * Data-access requests of organizations, the grants governance's decisions create, and the access log of
 * every read under a grant. Purposes and fields frozen here, like all migration data (the contract's
 * CONSENT_PURPOSES and PERSONAL_FIELDS at the time).
 *
 * The access log is append-only for the service's own role: UPDATE, DELETE and TRUNCATE are revoked from
 * the role that runs the migrations (the service's), and triggers refuse them for anyone who still holds
 * them (an owner may grant itself privileges back; a trigger is one more deliberate step to remove).
 */
export class CreateDataAccess1796000000050 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      CREATE TABLE ${s}.data_access_request (
        request_id      text        PRIMARY KEY,
        community_code  text        NOT NULL REFERENCES ${s}.administrative_area (code),
        organization_id text        NOT NULL,
        proposal_id     text        NOT NULL,
        activity_id     text,
        consent_purpose text        NOT NULL CHECK (consent_purpose IN
                                      ('activity-participation', 'organization-contact', 'aggregate-research')),
        purpose         text        NOT NULL,
        fields          text[]      NOT NULL CHECK (cardinality(fields) > 0
                                      AND fields <@ ARRAY['name', 'phone', 'idNumber', 'address']),
        duration_days   integer     NOT NULL CHECK (duration_days BETWEEN 1 AND 365),
        status          text        NOT NULL CHECK (status IN ('requested', 'granted', 'refused')),
        expires_at      timestamptz NOT NULL,
        requested_by    text        NOT NULL,
        requested_at    timestamptz NOT NULL DEFAULT now(),
        decision_id     text,
        result          text        CHECK (result IN ('approved', 'rejected', 'withdrawn')),
        decided_at      timestamptz,
        CHECK ((status = 'requested') = (decision_id IS NULL))
      )`);
    await runner.query(`
      CREATE TABLE ${s}.data_access_request_resident (
        request_id  text NOT NULL REFERENCES ${s}.data_access_request (request_id),
        resident_id text NOT NULL,
        PRIMARY KEY (request_id, resident_id)
      )`);
    await runner.query(`
      CREATE TABLE ${s}.data_access_grant (
        grant_id        text        PRIMARY KEY,
        request_id      text        NOT NULL UNIQUE REFERENCES ${s}.data_access_request (request_id),
        decision_id     text        NOT NULL,
        organization_id text        NOT NULL,
        community_code  text        NOT NULL,
        consent_purpose text        NOT NULL,
        fields          text[]      NOT NULL,
        expires_at      timestamptz NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE ${s}.data_access_grant_resident (
        grant_id    text NOT NULL REFERENCES ${s}.data_access_grant (grant_id),
        resident_id text NOT NULL,
        PRIMARY KEY (grant_id, resident_id)
      )`);
    await this.createAccessLog(runner, s);
  }

  private async createAccessLog(runner: QueryRunner, s: string): Promise<void> {
    await runner.query(`
      CREATE TABLE ${s}.access_log (
        log_id         bigserial   PRIMARY KEY,
        at             timestamptz NOT NULL DEFAULT now(),
        actor_sub      text        NOT NULL,
        actor_parties  text[]      NOT NULL,
        grant_id       text        NOT NULL,
        resident_id    text        NOT NULL,
        community_code text        NOT NULL,
        fields         text[]      NOT NULL,
        result         text        NOT NULL CHECK (result IN ('granted', 'refused')),
        reason         text
      )`);
    await runner.query(`CREATE INDEX access_log_by_resident ON ${s}.access_log (resident_id, log_id)`);
    await runner.query(`CREATE INDEX access_log_by_grant ON ${s}.access_log (grant_id, log_id)`);
    await runner.query(`CREATE INDEX access_log_by_community ON ${s}.access_log (community_code, log_id)`);
    await runner.query(`
      CREATE FUNCTION ${s}.access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'access_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await runner.query(`
      CREATE TRIGGER access_log_no_change BEFORE UPDATE OR DELETE ON ${s}.access_log
        FOR EACH ROW EXECUTE FUNCTION ${s}.access_log_append_only()`);
    await runner.query(`
      CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON ${s}.access_log
        FOR EACH STATEMENT EXECUTE FUNCTION ${s}.access_log_append_only()`);
    await runner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${s}.access_log FROM CURRENT_USER`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`DROP TABLE ${s}.access_log`);
    await runner.query(`DROP FUNCTION ${s}.access_log_append_only()`);
    await runner.query(
      `DROP TABLE ${s}.data_access_grant_resident, ${s}.data_access_grant, ` +
        `${s}.data_access_request_resident, ${s}.data_access_request`,
    );
  }
}
