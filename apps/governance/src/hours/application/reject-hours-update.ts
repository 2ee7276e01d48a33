import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventType, SansheEvent } from '@sanshe/contracts';
import { OutboxWriter } from '@sanshe/messaging';
import { hoursWorkflowId } from '@sanshe/workflows';
import { eventIdentity } from '../../decisions/domain/event-identity';

export interface RejectHoursUpdateCommand {
  event: SansheEvent<EventType>;
  hoursId: string;
  partyId?: string;
  castBy?: string;
  code: string;
  reason: string;
}

/**
 * Tells the community why governance refused its confirm or dispute (`governance.hours.update-rejected`),
 * in the caller's inbox transaction; its id derives from the refused event's identity, so a redelivery is
 * refused once.
 */
@Injectable()
export class RejectHoursUpdateHandler {
  constructor(private readonly outbox: OutboxWriter) {}

  async execute(manager: EntityManager, { event, hoursId, partyId, castBy, code, reason }: RejectHoursUpdateCommand) {
    const id = `hours-rejected/${createHash('sha256').update(eventIdentity(event)).digest('hex')}`;
    await this.outbox.publish(manager, {
      type: 'sanshe.governance.hours.update-rejected.v1',
      id,
      subject: hoursId,
      correlationid: event.correlationid ?? event.id,
      data: {
        hoursId,
        workflowId: hoursWorkflowId(hoursId),
        ...(partyId ? { partyId } : {}),
        ...(castBy ? { castBy } : {}),
        code,
        reason,
        rejectedEventId: event.id,
        rejectedEventSource: event.source,
        rejectedEventType: event.type,
      },
    });
  }
}
