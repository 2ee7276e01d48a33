import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { errorMessage } from '@sanshe/common';
import type { TalentConfig } from '../../config/talent-config';
import { TALENT_CONFIG } from '../../config/talent-config.tokens';
import { WorkforceRepository } from '../domain/workforce.repository';
import { ReevaluateWorkforce } from './reevaluate-workforce';

/**
 * The periodic pass over every organization (each in its own transaction): turnover decays as leavings
 * pass 365 days, with no worker change to re-evaluate it. Every TALENT_SWEEP_INTERVAL_MS (a pass that
 * finds nothing new writes and publishes nothing); `sweepNow(now)` runs one pass, for tests.
 */
@Injectable()
export class WorkforceSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkforceSweeper.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly workforce: WorkforceRepository,
    private readonly reevaluate: ReevaluateWorkforce,
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
    @Inject(TALENT_CONFIG) private readonly config: TalentConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweepNow().catch(() => undefined), this.config.TALENT_SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** One pass; returns how many organizations were evaluated. A pass already running is joined, not doubled. */
  sweepNow(now = new Date()): Promise<number> {
    this.running ??= this.pass(now).finally(() => (this.running = null));
    return this.running;
  }

  private async pass(now: Date): Promise<number> {
    let evaluated = 0;
    for (const organizationId of await this.workforce.organizations()) {
      try {
        await this.dataSource.transaction((manager) => this.reevaluate.reevaluate(manager, organizationId, now));
        evaluated += 1;
      } catch (error) {
        this.logger.warn(`workforce of ${organizationId} not re-evaluated: ${errorMessage(error)}`);
      }
    }
    return evaluated;
  }
}
