import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PermanentEventError } from '@sanshe/messaging';
import { FundingEventRegistry } from '../../../events/funding-event-registry';
import { PortalReplies } from '../../../portals/application/portal-replies';
import { portalOfCommandsTopic, suspension } from '../../../portals/domain/portal';
import { PortalRepository } from '../../../portals/domain/portal.repository';
import { ConfirmPortalPaymentHandler } from '../../application/confirm-portal-payment';

/**
 * A portal's payment confirmation (sanshe.portal.payment.confirmed.v1, on a portal's commands topic) settles
 * the payment it names when it comes from that payment's own portal on that portal's channel; any other
 * (another portal, another grant or tranche, an unknown or failed payment, a suspended portal) changes
 * nothing. Either way the portal whose topic it came from gets one reply in the same transaction:
 * command-accepted with the paymentId, or command-rejected with the refusal's code and reason. Read
 * anywhere else, it has nobody to answer and is dead-lettered with the refusal, as before replies.
 */
@Injectable()
export class PortalConfirmationsSubscriber implements OnModuleInit {
  constructor(
    private readonly registry: FundingEventRegistry,
    private readonly confirm: ConfirmPortalPaymentHandler,
    private readonly portals: PortalRepository,
    private readonly replies: PortalReplies,
  ) {}

  onModuleInit(): void {
    this.registry.register('payments', {
      'sanshe.portal.payment.confirmed.v1': async (event, manager, delivery) => {
        const sender = portalOfCommandsTopic(delivery.topic);
        const suspended = sender ? suspension(sender, await this.portals.find(manager, sender)) : null;
        const arrival = { topic: delivery.topic, source: event.source };
        const outcome = suspended
          ? ({ result: 'refused', ...suspended } as const)
          : await this.confirm.execute(manager, { confirmation: event.data, arrival });
        if (sender) {
          const { paymentId } = event.data;
          const answer = outcome.result === 'refused' ? outcome : { result: { paymentId, outcome: outcome.result } };
          await this.replies.answer(manager, event, sender, answer);
        } else if (outcome.result === 'refused') {
          throw new PermanentEventError(`${outcome.code}: ${outcome.reason} (event ${event.id})`);
        }
      },
    });
  }
}
