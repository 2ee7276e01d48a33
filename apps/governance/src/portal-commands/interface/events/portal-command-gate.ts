import type { EventHandler, EventHandlers } from '@sanshe/messaging';
import type { OutboxWriter } from '@sanshe/messaging';
import type { PortalJurisdictionCheck } from '../../application/jurisdiction-check';
import { commandingPortal, noteArrival, portalOfCommandsTopic, replyRejected } from '../../application/portal-replies';

/**
 * Wraps each of the bridge's handlers (BridgeEventRegistry.decorate): notes the topic of the inbox
 * transaction (a reply goes to the portal whose commands topic a command came from), and refuses a portal's
 * command outside its jurisdiction — or from a suspended portal — with a rejected reply before its handler
 * runs, so nothing is applied. Everything else goes to its handler unchanged.
 */
export function gatePortalCommands(
  check: Pick<PortalJurisdictionCheck, 'refusal'>,
  outbox: Pick<OutboxWriter, 'publish'>,
): (handlers: EventHandlers) => EventHandlers {
  const gated =
    (handler: EventHandler): EventHandler =>
    async (event, manager, delivery) => {
      noteArrival(manager, delivery.topic);
      const portalId = portalOfCommandsTopic(delivery.topic) && commandingPortal(event, delivery.topic);
      const refusal = portalId ? await check.refusal(manager, portalId, event) : null;
      if (!refusal) return handler(event, manager, delivery);
      await replyRejected(outbox, manager, event, refusal.code, refusal.reason);
    };
  return (handlers) =>
    Object.fromEntries(
      Object.entries(handlers).map(([type, handler]) => [type, gated(handler as EventHandler)]),
    ) as EventHandlers;
}
