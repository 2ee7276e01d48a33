import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { hoursWorkflowId } from '@sanshe/workflows';
import type { GovernanceConfig } from '../../config/governance-config';
import { GOVERNANCE_CONFIG } from '../../config/governance-config.module';
import { ParkedHoursUpdateRepository } from '../domain/parked-hours-update.repository';
import { RejectHoursUpdateHandler } from './reject-hours-update';

/** At most this many refusals per transaction; the sweeper calls again while there are more. */
const BATCH = 100;
const WORKFLOW_PREFIX = hoursWorkflowId('');

/**
 * Refuses the confirms and disputes that have waited longer than GOVERNANCE_PARKED_UPDATE_MAX_AGE_MS for
 * their hours workflow to start — the same bound as a decision's parked updates: `hours.update-rejected`
 * with code `unknown-hours`, through the outbox, and the parked row deleted, in one transaction. Rows a
 * start is applying, or another governance instance is refusing, are skipped (FOR UPDATE SKIP LOCKED).
 */
@Injectable()
export class RefuseExpiredParkedHoursUpdatesHandler {
  constructor(
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
    private readonly parked: ParkedHoursUpdateRepository,
    private readonly reject: RejectHoursUpdateHandler,
    @Inject(GOVERNANCE_CONFIG)
    private readonly config: Pick<GovernanceConfig, 'GOVERNANCE_PARKED_UPDATE_MAX_AGE_MS'>,
  ) {}

  /** Refuses up to one batch; returns how many it refused. */
  execute(): Promise<number> {
    const maxAgeMs = this.config.GOVERNANCE_PARKED_UPDATE_MAX_AGE_MS;
    return this.dataSource.transaction(async (manager) => {
      const expired = await this.parked.takeExpired(manager, maxAgeMs, BATCH);
      for (const { workflowId, request, event } of expired) {
        const hoursId = workflowId.slice(WORKFLOW_PREFIX.length);
        await this.reject.execute(manager, {
          event,
          hoursId,
          partyId: request.partyId,
          castBy: request.castBy,
          code: 'unknown-hours',
          reason:
            `no hours ${hoursId} were recorded within ${maxAgeMs} ms of this event's arrival ` +
            '(GOVERNANCE_PARKED_UPDATE_MAX_AGE_MS)',
        });
      }
      return expired.length;
    });
  }
}
