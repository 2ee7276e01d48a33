import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PermanentEventError } from '@sanshe/messaging';
import { FundingEventRegistry } from '../../../events/funding-event-registry';
import { ConfirmPortalPaymentHandler } from '../../application/confirm-portal-payment';

/**
 * A portal's payment confirmation (sanshe.portal.payment.confirmed.v1, on the commands topics of
 * FUNDING_PORTALS) settles the payment it names when it comes from that payment's own portal on that
 * portal's channel; any other (another portal, another grant or tranche, an unknown or failed payment) is
 * dead-lettered with the refusal's code and reason, and nothing is paid.
 */
@Injectable()
export class PortalConfirmationsSubscriber implements OnModuleInit {
  constructor(
    private readonly registry: FundingEventRegistry,
    private readonly confirm: ConfirmPortalPaymentHandler,
  ) {}

  onModuleInit(): void {
    this.registry.register('payments', {
      'sanshe.portal.payment.confirmed.v1': async (event, manager, delivery) => {
        const arrival = { topic: delivery.topic, source: event.source };
        const outcome = await this.confirm.execute(manager, { confirmation: event.data, arrival });
        if (outcome.result === 'refused') {
          throw new PermanentEventError(`${outcome.code}: ${outcome.reason} (event ${event.id})`);
        }
      },
    });
  }
}
