import type { EntityManager } from 'typeorm';
import type { EventType, SansheEvent } from '@sanshe/contracts';
import type { EventHandler, EventHandlers } from '@sanshe/messaging';
import { BridgeEventRegistry } from './bridge-event-registry';

const VOTE = 'sanshe.portal.decision.vote-cast.v1';
const noop: EventHandler = async () => undefined;

describe('BridgeEventRegistry', () => {
  it('wraps every handler it is given with each decorator, in the order they were added', async () => {
    const registry = new BridgeEventRegistry();
    const calls: string[] = [];
    const tagging =
      (tag: string) =>
      (handlers: EventHandlers): EventHandlers =>
        Object.fromEntries(
          Object.entries(handlers).map(([type, handler]) => [
            type,
            (async (event, manager, delivery) => {
              calls.push(tag);
              await (handler as EventHandler)(event, manager, delivery);
            }) satisfies EventHandler,
          ]),
        ) as EventHandlers;
    registry.decorate(tagging('inner'));
    registry.decorate(tagging('outer'));
    const own = jest.fn(noop);
    const decorated = registry.decorated({ [VOTE]: own } as EventHandlers);
    const event = { type: VOTE } as SansheEvent<EventType>;
    await (decorated[VOTE] as EventHandler)(event, {} as EntityManager, { topic: 't' } as never);
    expect(calls).toEqual(['outer', 'inner']);
    expect(own).toHaveBeenCalledTimes(1);
  });

  it('leaves handlers as they are without decorators, and parked updates unchecked without a check', async () => {
    const registry = new BridgeEventRegistry();
    const handlers = { [VOTE]: noop } as EventHandlers;
    expect(registry.decorated(handlers)).toBe(handlers);
    await expect(registry.parkedRefusal({} as EntityManager, {} as SansheEvent<EventType>)).resolves.toBeNull();
  });
});
