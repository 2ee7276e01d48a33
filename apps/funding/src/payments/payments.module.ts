import { Module } from '@nestjs/common';
import { ConfirmPortalPaymentHandler } from './application/confirm-portal-payment';
import { FailPaymentHandler } from './application/fail-payment';
import { PayTrancheHandler } from './application/pay-tranche';
import { ReadPaymentsHandler } from './application/read-payments';
import { RetryPaymentHandler } from './application/retry-payment';
import { SettleDuePaymentsLoop } from './application/settle-due-payments';
import { SettlePaymentHandler } from './application/settle-payment';
import { PaymentRails } from './domain/payment-rail';
import { PaymentRepository } from './domain/payment.repository';
import { ConfiguredPaymentRails } from './infrastructure/configured-payment-rails';
import { PostgresPaymentRepository } from './infrastructure/postgres-payment.repository';
import { PortalConfirmationsSubscriber } from './interface/events/portal-confirmations.subscriber';
import { PaymentsController } from './interface/http/payments.controller';
import { LedgerModule } from '../ledger/ledger.module';
import { PaymentMetrics } from './infrastructure/payment-metrics';

/**
 * Tranche payments, exactly once: instructed by payTranche (funding's activity), settled by the internal
 * rail's loop or the funder portal's confirmation, failed by a rail and retried only explicitly.
 */
@Module({
  imports: [LedgerModule],
  controllers: [PaymentsController],
  providers: [
    { provide: PaymentRepository, useClass: PostgresPaymentRepository },
    { provide: PaymentRails, useClass: ConfiguredPaymentRails },
    PayTrancheHandler,
    SettlePaymentHandler,
    FailPaymentHandler,
    RetryPaymentHandler,
    ConfirmPortalPaymentHandler,
    ReadPaymentsHandler,
    SettleDuePaymentsLoop,
    PortalConfirmationsSubscriber,
    PaymentMetrics, // payments by status, the oldest instructed, settlement latency on /metrics
  ],
  exports: [
    PaymentRepository,
    PayTrancheHandler,
    SettlePaymentHandler,
    FailPaymentHandler,
    RetryPaymentHandler,
    SettleDuePaymentsLoop,
  ],
})
export class PaymentsModule {}
