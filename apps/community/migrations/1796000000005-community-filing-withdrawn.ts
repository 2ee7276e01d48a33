import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * A filing its proposer withdrew before it was called in is `withdrawn` (sanshe.governance.filing.withdrawn.v1):
 * closed, no longer listed as open. Down fails (the CHECK) while a withdrawn filing is kept.
 */
export class CommunityFilingWithdrawn1796000000005 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      ALTER TABLE ${s}.community_filing
        DROP CONSTRAINT community_filing_status_check,
        ADD CONSTRAINT community_filing_status_check CHECK (status IN ('noticed', 'called-in', 'withdrawn'))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = schemaOf(runner);
    await runner.query(`
      ALTER TABLE ${s}.community_filing
        DROP CONSTRAINT community_filing_status_check,
        ADD CONSTRAINT community_filing_status_check CHECK (status IN ('noticed', 'called-in'))`);
  }
}
