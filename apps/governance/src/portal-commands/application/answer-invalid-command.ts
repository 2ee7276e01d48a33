import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { actingServiceOf, type EventType, type SansheEvent } from '@sanshe/contracts';
import { type Delivery, OutboxWriter } from '@sanshe/messaging';
import { noteArrival, portalOfCommandsTopic, replyRejected } from './portal-replies';

/**
 * A command on a portal's commands topic whose envelope is valid, of a type governance acts on, but whose data
 * its contract refuses: answered command-rejected `schema-invalid`, the reason naming each field, in an inbox
 * transaction (InboxProcessor.answerInvalidData: recorded once, a redelivery is a duplicate), and not
 * dead-lettered — it was answered, and replaying it would contradict the answer; the portal sends a corrected
 * command under a new id (docs/events.md, "Portal commands and replies"). Anything else invalid is declined
 * (false) and dead-lettered, as before.
 */
@Injectable()
export class AnswerInvalidCommandHandler {
  constructor(private readonly outbox: OutboxWriter) {}

  async answer(event: SansheEvent, reason: string, manager: EntityManager, delivery: Delivery): Promise<boolean> {
    if (!portalOfCommandsTopic(delivery.topic) || actingServiceOf(event.type) !== 'governance') return false;
    noteArrival(manager, delivery.topic);
    await replyRejected(this.outbox, manager, event as SansheEvent<EventType>, 'schema-invalid', reason);
    return true;
  }
}
