import { Injectable, type OnModuleInit } from '@nestjs/common';
import { contextTopic } from '@sanshe/contracts';
import { PermanentEventError } from '@sanshe/messaging';
import { CommunityEventRegistry } from '../../../events/community-event-registry';
import { DisbursementRequestRepository } from '../../domain/disbursement-request.repository';

const GOVERNANCE_TOPIC = contextTopic('governance');
const GOVERNANCE_SOURCE = 'sanshe/governance';

/**
 * Governance refused a disbursement request: if it was one of the community's, the request shows why. It
 * counts only from governance's channel (its source on its topic); anything else is dead-lettered.
 */
@Injectable()
export class RequestRefusedSubscriber implements OnModuleInit {
  constructor(
    private readonly registry: CommunityEventRegistry,
    private readonly requests: DisbursementRequestRepository,
  ) {}

  onModuleInit(): void {
    this.registry.register('disbursements', {
      'sanshe.governance.disbursement.request-refused.v1': async (event, manager, delivery) => {
        if (delivery.topic !== GOVERNANCE_TOPIC || event.source !== GOVERNANCE_SOURCE) {
          throw new PermanentEventError(
            `wrong-channel: ${event.type} counts only from ${GOVERNANCE_SOURCE} on ${GOVERNANCE_TOPIC}, ` +
              `not from ${event.source} on ${delivery.topic}`,
          );
        }
        const { requestEventId, code, reason } = event.data;
        await this.requests.refuse(manager, requestEventId, { code, reason });
      },
    });
  }
}
