import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventType, SansheEvent } from '@sanshe/contracts';
import { OutboxWriter } from '@sanshe/messaging';
import { eventIdentity } from '../../decisions/domain/event-identity';
import { replyAccepted, replyRejected } from '../../portal-commands/application/portal-replies';

/** The contract's bound on a reason. */
const REASON_MAX = 2000;

export interface RefuseDisbursementRequestCommand {
  /** The refused request: its id and type are named in the answer, its identity makes the answer's id. */
  event: SansheEvent<EventType>;
  grantId: string;
  /** Whom the request spoke for, when it names a party. */
  partyId?: string;
  /** Kebab-case: wrong-channel, wrong-identity, not-funder, unknown-grant, a workflow's refusal code, … */
  code: string;
  reason: string;
}

/** The answer's id: deterministic from the refused event's identity (a redelivery refuses once). */
export const disbursementRefusalId = (event: Pick<SansheEvent, 'source' | 'id'>) =>
  `disbursement-refused/${createHash('sha256').update(eventIdentity(event)).digest('hex')}`;

/**
 * Tells the party why governance refused its request to a grant's disbursement
 * (`sanshe.governance.disbursement.request-refused.v1`, docs/decisions.md "Grant disbursement"), through the
 * outbox in the caller's inbox transaction: the request is then handled (consumed, not dead-lettered) and
 * changed nothing else. A portal's request is also answered on its replies topic, accepted too (`accepted`).
 */
@Injectable()
export class RefuseDisbursementRequestHandler {
  constructor(private readonly outbox: OutboxWriter) {}

  async execute(manager: EntityManager, { event, grantId, partyId, code, reason }: RefuseDisbursementRequestCommand) {
    await this.outbox.publish(manager, {
      type: 'sanshe.governance.disbursement.request-refused.v1',
      id: disbursementRefusalId(event),
      subject: grantId,
      correlationid: event.correlationid ?? event.id,
      data: {
        grantId,
        requestEventId: event.id,
        requestType: event.type,
        ...(partyId ? { partyId } : {}),
        code,
        reason: reason.slice(0, REASON_MAX) || code,
      },
    });
    await replyRejected(this.outbox, manager, event, code, reason);
  }

  /** A portal's request was applied (the Update accepted): its accepted reply; nothing for anyone else's. */
  accepted(manager: EntityManager, event: SansheEvent<EventType>, grantId: string): Promise<void> {
    return replyAccepted(this.outbox, manager, event, { grantId });
  }
}
