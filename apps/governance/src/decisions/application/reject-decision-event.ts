import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventType, SansheEvent } from '@sanshe/contracts';
import { OutboxWriter } from '@sanshe/messaging';
import { replyAccepted, replyRejected } from '../../portal-commands/application/portal-replies';
import { eventIdentity } from '../domain/event-identity';

/** The refusal's own id: deterministic from the refused event's identity, and within the envelope's id limit. */
const rejectionId = (event: Pick<SansheEvent, 'source' | 'id'>) =>
  `rejected/${createHash('sha256').update(eventIdentity(event)).digest('hex')}`;

export interface RejectDecisionEventCommand {
  /** The event refused: its identity and type are named in the refusal. */
  event: SansheEvent<EventType>;
  decisionId: string;
  /** Whom the refused event spoke for, and who it said cast it. */
  partyId?: string;
  castBy?: string;
  code: string;
  reason: string;
}

/**
 * Tells the sender why governance refused its event (`decision.vote-rejected`), in the caller's inbox
 * transaction: nothing else changes. The id derives from the refused event's identity, so a redelivery
 * of the same event refuses it once. A portal's command is also answered on its replies topic (accepted
 * too, by `accepted`: docs/events.md, "Portal commands and replies").
 */
@Injectable()
export class RejectDecisionEventHandler {
  constructor(private readonly outbox: OutboxWriter) {}

  async execute(
    manager: EntityManager,
    { event, decisionId, partyId, castBy, code, reason }: RejectDecisionEventCommand,
  ) {
    await this.outbox.publish(manager, {
      type: 'sanshe.governance.decision.vote-rejected.v1',
      id: rejectionId(event),
      subject: decisionId,
      correlationid: event.correlationid ?? event.id,
      data: {
        decisionId,
        ...(partyId ? { partyId } : {}),
        ...(castBy ? { castBy } : {}),
        code,
        reason,
        rejectedEventId: event.id,
        rejectedEventSource: event.source,
        rejectedEventType: event.type,
      },
    });
    await replyRejected(this.outbox, manager, event, code, reason);
  }

  /** A portal's command was applied: its accepted reply (nothing for anyone else's event). */
  accepted(manager: EntityManager, event: SansheEvent<EventType>, result: Record<string, unknown>): Promise<void> {
    return replyAccepted(this.outbox, manager, event, result);
  }
}
