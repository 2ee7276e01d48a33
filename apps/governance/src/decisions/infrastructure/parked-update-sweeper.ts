import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { errorMessage } from '@sanshe/common';
import type { GovernanceConfig } from '../../config/governance-config';
import { GOVERNANCE_CONFIG } from '../../config/governance-config.module';
import { RefuseExpiredParkedUpdatesHandler } from '../application/refuse-expired-parked-updates';

/**
 * Runs RefuseExpiredParkedUpdatesHandler in the background: every quarter of the parked updates' maximum
 * age (at least every minute), so an update is refused at most a quarter past its bound.
 */
@Injectable()
export class ParkedUpdateSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ParkedUpdates');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly refuseExpired: RefuseExpiredParkedUpdatesHandler,
    @Inject(GOVERNANCE_CONFIG)
    private readonly config: Pick<GovernanceConfig, 'GOVERNANCE_PARKED_UPDATE_MAX_AGE_MS'>,
  ) {}

  onApplicationBootstrap(): void {
    const everyMs = Math.min(60_000, Math.max(250, this.config.GOVERNANCE_PARKED_UPDATE_MAX_AGE_MS / 4));
    this.timer = setInterval(() => {
      this.running ??= this.sweep().finally(() => (this.running = undefined));
    }, everyMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Refuses every expired parked update, a batch per transaction. */
  async sweep(): Promise<void> {
    try {
      for (
        let refused = await this.refuseExpired.execute();
        refused > 0;
        refused = await this.refuseExpired.execute()
      ) {
        this.logger.warn(`refused ${refused} update(s) parked past GOVERNANCE_PARKED_UPDATE_MAX_AGE_MS`);
      }
    } catch (err) {
      this.logger.warn(`sweeping parked updates failed, trying again later: ${errorMessage(err)}`); // PostgreSQL away
    }
  }
}
