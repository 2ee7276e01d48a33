import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { GovernanceConfig } from '../../config/governance-config';
import { GOVERNANCE_CONFIG } from '../../config/governance-config.module';
import { ParkedUpdateRepository } from '../domain/parked-update.repository';
import { type DecisionUpdate, partyOf } from './apply-decision-update';
import { RejectDecisionEventHandler } from './reject-decision-event';

/** At most this many refusals per transaction; the sweeper calls again while there are more. */
const BATCH = 100;

/**
 * Refuses the updates that have waited longer than GOVERNANCE_PARKED_UPDATE_MAX_AGE_MS for their
 * decision to open: `decision.vote-rejected` with code `unknown-decision`, through the outbox, and the
 * parked row deleted, in one transaction. Rows an opening is applying, or a second governance instance
 * is refusing, are skipped (FOR UPDATE SKIP LOCKED), so each parked update is applied or refused once.
 */
@Injectable()
export class RefuseExpiredParkedUpdatesHandler {
  constructor(
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
    private readonly parked: ParkedUpdateRepository,
    private readonly reject: RejectDecisionEventHandler,
    @Inject(GOVERNANCE_CONFIG)
    private readonly config: Pick<GovernanceConfig, 'GOVERNANCE_PARKED_UPDATE_MAX_AGE_MS'>,
  ) {}

  /** Refuses up to one batch; returns how many it refused. */
  execute(): Promise<number> {
    const maxAgeMs = this.config.GOVERNANCE_PARKED_UPDATE_MAX_AGE_MS;
    return this.dataSource.transaction(async (manager) => {
      const expired = await this.parked.takeExpired(manager, maxAgeMs, BATCH);
      for (const { decisionId, kind, request, event } of expired) {
        await this.reject.execute(manager, {
          event,
          decisionId,
          ...partyOf({ kind, request } as DecisionUpdate),
          code: 'unknown-decision',
          reason:
            `no decision ${decisionId} was opened within ${maxAgeMs} ms of this event's arrival ` +
            '(GOVERNANCE_PARKED_UPDATE_MAX_AGE_MS)',
        });
      }
      return expired.length;
    });
  }
}
