import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { EventType, NewEvent } from '@sanshe/contracts';
import { OutboxWriter } from '@sanshe/messaging';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import type { ClaimEvidenceInput, DisbursementActivities, DisbursementFact, EvidenceConflict } from '@sanshe/workflows';
import { workingCalendarFrom } from '../domain/public-calendar';

/** Thrown inside the claim's transaction to roll back a partial claim; never leaves this file. */
class ClaimRefused extends Error {
  constructor(readonly conflicts: EvidenceConflict[]) {
    super('evidence claimed elsewhere');
  }
}

/**
 * The disbursement workflow's governance activities (docs/decisions.md, "Grant disbursement"), run by
 * governance's worker. A claim is all or nothing: hashes another grant or tranche holds refuse the whole
 * submission and claim none of it, so a refused submission leaves nothing behind. Facts go through the
 * outbox under the workflow's deterministic ids: a retried activity adds nothing the second time. The notice
 * window is counted on the public calendar (holidays and make-up working days) governance keeps.
 */
@Injectable()
export class DisbursementActivitiesProvider {
  private readonly evidence: string;

  constructor(
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {
    this.evidence = qualifiedTable(schemaNameOf(dataSource), 'disbursement_evidence');
  }

  /** The plain object the worker registers (methods bound). */
  activities(): DisbursementActivities {
    return {
      noticeCalendar: async ({ from }) => workingCalendarFrom(from),
      claimEvidence: (input) => this.claimEvidence(input),
      publishDisbursementFact: (fact) => this.publishDisbursementFact(fact),
    };
  }

  async claimEvidence({ grantId, trancheNo, hashes }: ClaimEvidenceInput): Promise<{ conflicts: EvidenceConflict[] }> {
    try {
      await this.dataSource.transaction(async (manager) => {
        // Sorted: two claims sharing hashes take their row locks in one order (no deadlock).
        const sorted = [...new Set(hashes)].sort();
        await manager.query(
          `INSERT INTO ${this.evidence} (sha256, grant_id, tranche_no)
           SELECT unnest($1::text[]), $2, $3 ON CONFLICT (sha256) DO NOTHING`,
          [sorted, grantId, trancheNo],
        );
        const held = (await manager.query(
          `SELECT sha256, grant_id, tranche_no FROM ${this.evidence}
           WHERE sha256 = ANY($1) AND (grant_id <> $2 OR tranche_no <> $3) ORDER BY sha256`,
          [sorted, grantId, trancheNo],
        )) as { sha256: string; grant_id: string; tranche_no: number }[];
        const conflicts = held.map((row) => ({ sha256: row.sha256, grantId: row.grant_id, trancheNo: row.tranche_no }));
        if (conflicts.length > 0) throw new ClaimRefused(conflicts);
      });
      return { conflicts: [] };
    } catch (err) {
      if (err instanceof ClaimRefused) return { conflicts: err.conflicts };
      throw err;
    }
  }

  async publishDisbursementFact({ eventId, type, grantId, data }: DisbursementFact): Promise<void> {
    // The type is a sanshe.governance.disbursement.*.v1 the workflow names; publish validates the data against it.
    const event = { type, id: eventId, subject: grantId, data } as Omit<NewEvent<EventType>, 'source'>;
    await this.dataSource.transaction((manager) => this.outbox.publish(manager, event));
  }
}
