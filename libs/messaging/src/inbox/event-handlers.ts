import type { EntityManager } from 'typeorm';
import type { EventType, SansheEvent } from '@sanshe/contracts';
import type { Delivery } from './incoming-message';

/**
 * Applies one event inside the inbox transaction: use `manager` for every write. `delivery` says where
 * its message came from (the topic, say, to check that the event arrived on its sender's channel).
 */
export type EventHandler<T extends EventType = EventType> = (
  event: SansheEvent<T>,
  manager: EntityManager,
  delivery: Delivery,
) => Promise<void>;
export type EventHandlers = { [T in EventType]?: EventHandler<T> };

/** Throw this from a handler for an event that can never succeed: it goes to the dead letters without retries. */
export class PermanentEventError extends Error {
  override name = 'PermanentEventError';
}
