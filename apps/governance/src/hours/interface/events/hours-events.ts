import type { EventType, SansheEvent } from '@sanshe/contracts';
import type { Delivery, EventHandler, EventHandlers } from '@sanshe/messaging';
import type { ChannelCheck } from '../../../decisions/application/channel-check';
import type { ApplyHoursUpdateHandler } from '../../application/apply-hours-update';
import type { RejectHoursUpdateHandler } from '../../application/reject-hours-update';
import type { StartHoursConfirmationHandler } from '../../application/start-hours-confirmation';

export interface HoursUseCases {
  start: StartHoursConfirmationHandler;
  applyUpdate: ApplyHoursUpdateHandler;
  channels: ChannelCheck;
  reject: RejectHoursUpdateHandler;
}

type Manager = Parameters<EventHandler>[1];

/**
 * The hours events, each checked on its channel first (docs/decisions.md "Channel binding"): recorded
 * hours only from the talent context, a confirm or dispute only from the controller of the party it
 * speaks for, and sent by that party itself. Otherwise refused (`wrong-channel`, `wrong-identity`) with
 * governance.hours.update-rejected, changing nothing. Whether the party is the hours' own community is
 * the workflow's check (`not-a-party`).
 */
export function hoursEventHandlers({ start, applyUpdate, channels, reject }: HoursUseCases): EventHandlers {
  const refused = async (
    event: SansheEvent<EventType>,
    manager: Manager,
    delivery: Delivery,
    who: { hoursId: string; partyId?: string; castBy?: string },
    check: Parameters<ChannelCheck['refusal']>[2],
  ) => {
    const refusal = await channels.refusal(event, delivery, check);
    if (refusal) await reject.execute(manager, { event, ...who, code: 'wrong-channel', reason: refusal });
    else if (who.partyId && who.castBy !== who.partyId) {
      const reason = `${who.castBy} cannot answer for ${who.partyId}: only the party answers for itself`;
      await reject.execute(manager, { event, ...who, code: 'wrong-identity', reason });
    } else return false;
    return true;
  };
  const recorded: EventHandler<'sanshe.talent.hours.recorded.v1'> = async (event, manager, delivery) => {
    if (await refused(event, manager, delivery, { hoursId: event.data.hoursId }, { owner: 'talent' })) return;
    await start.execute(manager, event);
  };
  const confirmed: EventHandler<'sanshe.community.hours.confirmed.v1'> = async (event, manager, delivery) => {
    const { hoursId, partyId, castBy } = event.data;
    if (await refused(event, manager, delivery, { hoursId, partyId, castBy }, { partyIds: [partyId] })) return;
    await applyUpdate.execute(manager, { hoursId, update: { kind: 'confirm', request: { partyId, castBy } }, event });
  };
  const disputed: EventHandler<'sanshe.community.hours.disputed.v1'> = async (event, manager, delivery) => {
    const { hoursId, partyId, castBy, reason } = event.data;
    if (await refused(event, manager, delivery, { hoursId, partyId, castBy }, { partyIds: [partyId] })) return;
    const request = { partyId, castBy, reason, eventId: event.id };
    await applyUpdate.execute(manager, { hoursId, update: { kind: 'dispute', request }, event });
  };
  return {
    'sanshe.talent.hours.recorded.v1': recorded,
    'sanshe.community.hours.confirmed.v1': confirmed,
    'sanshe.community.hours.disputed.v1': disputed,
  } as EventHandlers;
}
