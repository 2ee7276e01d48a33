import type { EventHandler, EventHandlers } from '@sanshe/messaging';
import { PermanentEventError } from '@sanshe/messaging';
import type { ChannelCheck } from '../../../decisions/application/channel-check';
import type { StartDisbursementHandler } from '../../application/start-disbursement';

export interface DisbursementUseCases {
  start: Pick<StartDisbursementHandler, 'execute'>;
  channels: Pick<ChannelCheck, 'refusal'>;
}

/**
 * The disbursement's events, each checked on its channel first (docs/decisions.md "Channel binding"): a grant's
 * activation counts only from the funding context. No governance event answers a refused activation (nobody
 * waits for one), so it goes to the dead letters naming `wrong-channel`, and starts nothing.
 */
export function disbursementEventHandlers({ start, channels }: DisbursementUseCases): EventHandlers {
  const activated: EventHandler<'sanshe.funding.grant.activated.v1'> = async (event, _manager, delivery) => {
    const refusal = await channels.refusal(event, delivery, { owner: 'funding' });
    if (refusal) throw new PermanentEventError(`wrong-channel: grant ${event.data.grantId} not started: ${refusal}`);
    await start.execute(event);
  };
  return { 'sanshe.funding.grant.activated.v1': activated } as EventHandlers;
}
