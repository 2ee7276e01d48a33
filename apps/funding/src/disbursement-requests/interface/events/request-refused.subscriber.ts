import { Injectable, type OnModuleInit } from '@nestjs/common';
import { fromOwner } from '../../../events/from-owner';
import { FundingEventRegistry } from '../../../events/funding-event-registry';
import { DisbursementRequestRepository } from '../../domain/disbursement-request.repository';

/**
 * Governance refused a disbursement request: if it was one funding sent, the request shows why. Only from
 * governance's channel; anything else is dead-lettered.
 */
@Injectable()
export class RequestRefusedSubscriber implements OnModuleInit {
  constructor(
    private readonly registry: FundingEventRegistry,
    private readonly requests: DisbursementRequestRepository,
  ) {}

  onModuleInit(): void {
    this.registry.register('disbursement-requests', {
      'sanshe.governance.disbursement.request-refused.v1': async (event, manager, delivery) => {
        fromOwner(event, delivery, 'governance');
        const { requestEventId, code, reason } = event.data;
        await this.requests.refuse(manager, requestEventId, { code, reason });
      },
    });
  }
}
