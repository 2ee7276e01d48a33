import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { errorMessage } from '@sanshe/common';
import type { FundingConfig } from '../../config/funding-config';
import { FUNDING_CONFIG } from '../../config/funding-config.tokens';
import { internalRailReference } from '../domain/payment';
import { PaymentRepository } from '../domain/payment.repository';
import { SettlePaymentHandler } from './settle-payment';

/** How many due payments one pass settles (each in its own transaction); the rest wait for the next pass. */
const BATCH = 100;

/**
 * The internal rail's settle loop: every pass settles the internal payments whose settle_after has come,
 * each in its own transaction through SettlePaymentHandler (so a payment is settled once, even by two
 * processes). It polls at most every second, and as often as FUNDING_PAYMENT_SETTLE_MS when shorter
 * (at least 100 ms); the timer is unref'd and stops on shutdown. Tests call settleDueNow.
 */
@Injectable()
export class SettleDuePaymentsLoop implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SettleDuePaymentsLoop.name);
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly payments: PaymentRepository,
    private readonly settle: SettlePaymentHandler,
    @Inject(FUNDING_CONFIG) private readonly config: Pick<FundingConfig, 'FUNDING_PAYMENT_SETTLE_MS'>,
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
  ) {}

  onApplicationBootstrap(): void {
    const everyMs = Math.min(1_000, Math.max(100, this.config.FUNDING_PAYMENT_SETTLE_MS));
    this.timer = setInterval(() => void this.pass(), everyMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Settles every internal payment due at `at` (default now); returns how many it settled. */
  async settleDueNow(at: Date = new Date()): Promise<number> {
    let settled = 0;
    const due = await this.dataSource.transaction((manager) => this.payments.dueForSettlement(manager, at, BATCH));
    for (const payment of due) {
      const railReference = internalRailReference(payment.paymentId, payment.attempt);
      const { result } = await this.dataSource.transaction((manager) =>
        this.settle.execute(manager, { paymentId: payment.paymentId, railReference, confirmedBy: null }),
      );
      if (result === 'settled') settled += 1;
    }
    return settled;
  }

  private async pass(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.settleDueNow();
    } catch (error) {
      this.logger.warn(`settling due payments failed, retried next pass: ${errorMessage(error)}`);
    } finally {
      this.running = false;
    }
  }
}
