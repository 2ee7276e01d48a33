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

/**
 * Answers an event whose envelope is valid and whose type the consumer handles, but whose data its schema
 * refuses (`reason` names each field), inside the inbox transaction as a handler would — a portal's command
 * answered `schema-invalid` rather than silently dead-lettered. Resolve false when there is nobody to answer:
 * the event is dead-lettered with `reason`, as without it. `event.data` is unchecked.
 */
export type InvalidDataHandler = (
  event: SansheEvent,
  reason: string,
  manager: EntityManager,
  delivery: Delivery,
) => Promise<boolean>;

/**
 * Called for an event the inbox already holds (a second copy: the same source and id), inside the duplicate's
 * own inbox transaction; the duplicate still changes nothing else. A portal's command sent twice gets its reply
 * sent again this way. A failure is handled as a handler's (retried, then dead-lettered).
 */
export type DuplicateHandler = (event: SansheEvent, manager: EntityManager, delivery: Delivery) => Promise<void>;
