import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { errorMessage } from '@sanshe/common';
import type { FundingConfig } from '../../config/funding-config';
import { FUNDING_CONFIG } from '../../config/funding-config.tokens';
import { GapRepository } from '../domain/gap.repository';
import { shanghaiDay } from '../../calendar/shanghai-calendar';
import { CheckFundingGaps } from './check-funding-gaps';

export interface SweepResult {
  checked: number;
  published: number;
}

/**
 * Every FUNDING_GAP_SWEEP_INTERVAL_MS, checks each watched organization's funding (each in its own
 * transaction): a due date passing makes a tranche late, or a runway short, with no write to wake it.
 * `sweepNow(today)` runs one pass as of that Asia/Shanghai day, for tests.
 */
@Injectable()
export class FundingGapSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(FundingGapSweeper.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<SweepResult> | null = null;

  constructor(
    private readonly gaps: GapRepository,
    private readonly checkGaps: CheckFundingGaps,
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
    @Inject(FUNDING_CONFIG) private readonly config: FundingConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.sweepNow().catch((error: unknown) =>
        this.logger.warn(`funding-gap sweep failed, retried next interval: ${errorMessage(error)}`),
      );
    }, this.config.FUNDING_GAP_SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** One pass as of `today` (YYYY-MM-DD); a pass already running is joined, not doubled. */
  sweepNow(today = shanghaiDay(new Date())): Promise<SweepResult> {
    this.running ??= this.pass(today).finally(() => (this.running = null));
    return this.running;
  }

  private async pass(today: string): Promise<SweepResult> {
    const result: SweepResult = { checked: 0, published: 0 };
    for (const organizationId of await this.gaps.watchedOrganizations()) {
      try {
        result.published += await this.dataSource.transaction((manager) =>
          this.checkGaps.check(manager, organizationId, today),
        );
        result.checked += 1;
      } catch (error) {
        this.logger.warn(`funding gaps of ${organizationId} not checked: ${errorMessage(error)}`);
      }
    }
    return result;
  }
}
