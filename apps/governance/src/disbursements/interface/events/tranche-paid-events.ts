import type { EventHandler, EventHandlers } from '@sanshe/messaging';
import { PermanentEventError } from '@sanshe/messaging';
import type { ChannelCheck } from '../../../decisions/application/channel-check';
import type { SignalPaymentSettledHandler } from '../../application/signal-payment-settled';

/**
 * Funding's tranche.paid wakes the grant's disbursement (a hint: the workflow asks funding what was paid). Only
 * the funding context says a tranche was paid: from any other channel it is refused to the dead letters.
 */
export function tranchePaidEventHandlers(
  settled: Pick<SignalPaymentSettledHandler, 'execute'>,
  channels: Pick<ChannelCheck, 'refusal'>,
): EventHandlers {
  const paid: EventHandler<'sanshe.funding.tranche.paid.v1'> = async (event, _manager, delivery) => {
    const refusal = await channels.refusal(event, delivery, { owner: 'funding' });
    if (refusal) throw new PermanentEventError(`wrong-channel: tranche.paid of ${event.data.grantId}: ${refusal}`);
    const { grantId, trancheNo, paymentId } = event.data;
    await settled.execute({ grantId, trancheNo, paymentId });
  };
  return { 'sanshe.funding.tranche.paid.v1': paid } as EventHandlers;
}
