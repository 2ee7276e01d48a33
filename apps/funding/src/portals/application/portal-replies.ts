import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SansheEvent } from '@sanshe/contracts';
import { OutboxWriter } from '@sanshe/messaging';
import { portalReplyId } from '@sanshe/service-kit';
import type { CommandRefusal } from '../domain/portal';

/** How funding answers a portal's command: applied (with what it made or changed), or refused. */
export type CommandAnswer = { result?: Record<string, unknown> } | CommandRefusal;

const REASON_MAX = 4000;

/**
 * The reply's id: one per command identity (source and id), so a redelivered command is answered with the
 * same reply (the outbox skips an id it holds; DuplicateCommandsSubscriber re-sends it), derived as governance
 * derives its replies'.
 */
export const replyId = portalReplyId;

/**
 * Writes funding's one reply to a portal's command — sanshe.funding.portal.command-accepted.v1 or
 * command-rejected.v1 — through the outbox in the caller's (inbox) transaction; the outbox's topicFor sends
 * it to the portal's own replies topic (docs/events.md, "Portal commands and replies").
 */
@Injectable()
export class PortalReplies {
  constructor(private readonly outbox: OutboxWriter) {}

  async answer(manager: EntityManager, command: SansheEvent, portalId: string, answer: CommandAnswer): Promise<void> {
    const about = { commandId: command.id, commandType: command.type, portalId };
    const envelope = { id: replyId(command), subject: command.id, correlationid: command.correlationid ?? command.id };
    if ('code' in answer) {
      await this.outbox.publish(manager, {
        ...envelope,
        type: 'sanshe.funding.portal.command-rejected.v1',
        data: { ...about, code: answer.code, reason: answer.reason.slice(0, REASON_MAX) || answer.code },
      });
      return;
    }
    await this.outbox.publish(manager, {
      ...envelope,
      type: 'sanshe.funding.portal.command-accepted.v1',
      data: { ...about, ...(answer.result ? { result: answer.result } : {}) },
    });
  }
}
