import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger/ledger.module';
import { PaymentsModule } from '../payments/payments.module';
import { RequestClawbackHandler } from './application/request-clawback';
import { ClawbackRepository } from './domain/clawback.repository';
import { PostgresClawbackRepository } from './infrastructure/postgres-clawback.repository';

/** Clawbacks (追回) of paid tranches, requested by governance's workflows through funding's activities. */
@Module({
  imports: [LedgerModule, PaymentsModule],
  providers: [{ provide: ClawbackRepository, useClass: PostgresClawbackRepository }, RequestClawbackHandler],
  exports: [RequestClawbackHandler],
})
export class ClawbacksModule {}
