import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { errorMessage } from '@sanshe/common';
import type { GovernanceConfig } from '../../config/governance-config';
import { GOVERNANCE_CONFIG } from '../../config/governance-config.module';
import { RefuseExpiredParkedUpdatesHandler } from '../application/refuse-expired-parked-updates';

/** Refuses one batch of a feature's expired parked updates; returns how many it refused. */
export interface ExpiredParkedUpdatesRefuser {
  /** Names the table in the log. */
  readonly label: string;
  execute(): Promise<number>;
}

/**
 * Runs RefuseExpiredParkedUpdatesHandler, and the refusers other features register (the hours' parked
 * answers), in the background: every quarter of the parked updates' maximum age (at least every minute),
 * so an update is refused at most a quarter past its bound. One timer for every parked table.
 */
@Injectable()
export class ParkedUpdateSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ParkedUpdates');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private readonly refusers: ExpiredParkedUpdatesRefuser[];

  constructor(
    refuseExpired: RefuseExpiredParkedUpdatesHandler,
    @Inject(GOVERNANCE_CONFIG)
    private readonly config: Pick<GovernanceConfig, 'GOVERNANCE_PARKED_UPDATE_MAX_AGE_MS'>,
  ) {
    this.refusers = [{ label: 'parked_decision_update', execute: () => refuseExpired.execute() }];
  }

  /** Before bootstrap (a feature's onModuleInit): sweeps `refuser` too, with the same bound and timer. */
  register(refuser: ExpiredParkedUpdatesRefuser): void {
    this.refusers.push(refuser);
  }

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

  /** Refuses every expired parked update, a batch per transaction; one table failing leaves the others. */
  async sweep(): Promise<void> {
    for (const refuser of this.refusers) await this.sweepOne(refuser);
  }

  private async sweepOne({ label, execute }: ExpiredParkedUpdatesRefuser): Promise<void> {
    try {
      for (let refused = await execute(); refused > 0; refused = await execute()) {
        this.logger.warn(`refused ${refused} update(s) in ${label} parked past GOVERNANCE_PARKED_UPDATE_MAX_AGE_MS`);
      }
    } catch (err) {
      this.logger.warn(`sweeping ${label} failed, trying again later: ${errorMessage(err)}`); // PostgreSQL away
    }
  }
}
