import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { errorMessage } from '@sanshe/common';
import type { CommunityConfig } from '../../config/community-config';
import { COMMUNITY_CONFIG } from '../../config/community-config.tokens';
import { CloseEvaluationWindowsHandler } from '../application/close-evaluation-windows';

/**
 * Runs CloseEvaluationWindowsHandler in the background: every quarter of the window (at most every
 * minute, at least every 250 ms), so an activity is scored at most that long after its window closed.
 * Several instances may run: each activity is closed once (see the handler).
 */
@Injectable()
export class EvaluationWindowSweeper implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('EvaluationWindows');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly closeWindows: CloseEvaluationWindowsHandler,
    @Inject(COMMUNITY_CONFIG) private readonly config: Pick<CommunityConfig, 'COMMUNITY_EVALUATION_WINDOW_HOURS'>,
  ) {}

  onModuleInit(): void {
    const windowMs = this.config.COMMUNITY_EVALUATION_WINDOW_HOURS * 3_600_000;
    const everyMs = Math.min(60_000, Math.max(250, windowMs / 4));
    this.timer = setInterval(() => {
      this.running ??= this.sweep().finally(() => (this.running = undefined));
    }, everyMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Closes every due window, a batch per transaction. */
  async sweep(): Promise<void> {
    try {
      for (let taken = await this.closeWindows.execute(); taken > 0; taken = await this.closeWindows.execute()) {
        this.logger.log(`closed the evaluation window of ${taken} activit${taken === 1 ? 'y' : 'ies'}`);
      }
    } catch (err) {
      this.logger.warn(`closing evaluation windows failed, trying again later: ${errorMessage(err)}`); // PostgreSQL away
    }
  }
}
