import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@sanshe/persistence';

/**
 * A withdrawal (`proposal.withdrawn` from a decision) that arrives before its decision's opening parks like a
 * vote, amendment or ruling (docs/decisions.md "Updates before their opening"): the kind CHECK of
 * migration 0008 gains `withdraw`.
 */
export class ParkWithdrawals1795737600012 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await this.allow(runner, ['vote', 'amend', 'arbitrate', 'withdraw']);
  }

  async down(runner: QueryRunner): Promise<void> {
    // The old CHECK would fail on them; dropping them would lose a proposer's withdrawal silently.
    const parked: { event_source: string; event_id: string }[] = await runner.query(
      `SELECT event_source, event_id FROM ${schemaOf(runner)}.parked_decision_update WHERE kind = 'withdraw' ORDER BY seq`,
    );
    if (parked.length > 0) {
      const named = parked.map((row) => `${row.event_source} ${row.event_id}`).join(', ');
      throw new Error(`withdrawals are parked (${named}): let their decisions open, or remove them, before reverting`);
    }
    await this.allow(runner, ['vote', 'amend', 'arbitrate']);
  }

  private async allow(runner: QueryRunner, kinds: string[]): Promise<void> {
    const s = schemaOf(runner);
    const listed = kinds.map((kind) => `'${kind}'`).join(', ');
    await runner.query(`ALTER TABLE ${s}.parked_decision_update DROP CONSTRAINT parked_decision_update_kind_check`);
    await runner.query(
      `ALTER TABLE ${s}.parked_decision_update ADD CONSTRAINT parked_decision_update_kind_check CHECK (kind IN (${listed}))`,
    );
  }
}
