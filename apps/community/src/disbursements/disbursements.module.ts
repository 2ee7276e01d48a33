import { Module } from '@nestjs/common';
import { RepresentativesModule } from '../representatives/representatives.module';
import { RaiseDisbursementRequestHandler } from './application/raise-disbursement-request';
import { DisbursementRequestRepository } from './domain/disbursement-request.repository';
import { PostgresDisbursementRequestRepository } from './infrastructure/postgres-disbursement-request.repository';
import { RequestRefusedSubscriber } from './interface/events/request-refused.subscriber';
import { DisbursementsController } from './interface/http/disbursements.controller';

/**
 * The community's requests about grants' disbursements: objections and clawback proposals its
 * representatives send, and governance's refusals of them.
 */
@Module({
  imports: [RepresentativesModule],
  controllers: [DisbursementsController],
  providers: [
    { provide: DisbursementRequestRepository, useClass: PostgresDisbursementRequestRepository },
    RaiseDisbursementRequestHandler,
    RequestRefusedSubscriber,
  ],
})
export class DisbursementsModule {}
