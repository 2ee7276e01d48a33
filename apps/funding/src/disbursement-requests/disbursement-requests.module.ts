import { Module } from '@nestjs/common';
import { PaymentsModule } from '../payments/payments.module';
import { RaiseDisbursementRequestHandler } from './application/raise-disbursement-request';
import { ReadDisbursementRequestsHandler } from './application/read-disbursement-requests';
import { DisbursementRequestRepository } from './domain/disbursement-request.repository';
import { PostgresDisbursementRequestRepository } from './infrastructure/postgres-disbursement-request.repository';
import { RequestRefusedSubscriber } from './interface/events/request-refused.subscriber';
import { DisbursementRequestsController } from './interface/http/disbursement-requests.controller';

/**
 * The funder's requests about its grants' disbursements (objections, clawback proposals, cancellation
 * requests), checked against the grant and its payments, and governance's refusals of them.
 */
@Module({
  imports: [PaymentsModule],
  controllers: [DisbursementRequestsController],
  providers: [
    { provide: DisbursementRequestRepository, useClass: PostgresDisbursementRequestRepository },
    RaiseDisbursementRequestHandler,
    ReadDisbursementRequestsHandler,
    RequestRefusedSubscriber,
  ],
})
export class DisbursementRequestsModule {}
