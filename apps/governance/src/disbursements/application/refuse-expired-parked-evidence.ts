import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { disbursementWorkflowId } from '@sanshe/workflows';
import type { GovernanceConfig } from '../../config/governance-config';
import { GOVERNANCE_CONFIG } from '../../config/governance-config.module';
import { ParkedDisbursementEvidence } from '../infrastructure/parked-disbursement-evidence';
import { RefuseDisbursementRequestHandler } from './refuse-disbursement-request';

/** At most this many refusals per transaction; the sweeper calls again while there are more. */
const BATCH = 100;
const HOUR_MS = 3_600_000;
const WORKFLOW_PREFIX = disbursementWorkflowId('');

/**
 * Refuses the milestone evidence that waited longer than GOVERNANCE_PARKED_DISBURSEMENT_TTL_HOURS for its
 * grant's disbursement to start (a grant funding never activated): request-refused with code `unknown-grant`,
 * through the outbox, and the parked row deleted, in one transaction. Run by the parked-update sweeper's timer.
 */
@Injectable()
export class RefuseExpiredParkedEvidenceHandler {
  constructor(
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
    private readonly parked: ParkedDisbursementEvidence,
    private readonly refuse: RefuseDisbursementRequestHandler,
    @Inject(GOVERNANCE_CONFIG)
    private readonly config: Pick<GovernanceConfig, 'GOVERNANCE_PARKED_DISBURSEMENT_TTL_HOURS'>,
  ) {}

  /** Refuses up to one batch; returns how many it refused. */
  execute(): Promise<number> {
    const ttlHours = this.config.GOVERNANCE_PARKED_DISBURSEMENT_TTL_HOURS;
    return this.dataSource.transaction(async (manager) => {
      const expired = await this.parked.takeExpired(manager, ttlHours * HOUR_MS, BATCH);
      for (const { workflowId, submission, event } of expired) {
        const grantId = workflowId.slice(WORKFLOW_PREFIX.length);
        await this.refuse.execute(manager, {
          event,
          grantId,
          partyId: submission.submittedBy,
          code: 'unknown-grant',
          reason:
            `no disbursement of grant ${grantId} started within ${ttlHours} h of this evidence's arrival ` +
            '(GOVERNANCE_PARKED_DISBURSEMENT_TTL_HOURS)',
        });
      }
      return expired.length;
    });
  }
}
