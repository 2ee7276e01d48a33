import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * Governance's refusal of what talent sent for the assessor's seat (decision.vote-rejected for a vote,
 * disbursement.request-refused for an objection or a clawback proposal), so the worker sees why it
 * changed nothing.
 */
export class AddAssessorActionRejection1798000000071 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE ${schemaOf(runner)}.assessor_action
        ADD COLUMN rejection_code   text,
        ADD COLUMN rejection_reason text`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE ${schemaOf(runner)}.assessor_action DROP COLUMN rejection_reason, DROP COLUMN rejection_code`);
  }
}
