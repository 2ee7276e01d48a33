import { Inject, Injectable, Logger } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { errorMessage } from '@sanshe/common';
import {
  actingServiceOf,
  ENVELOPE_LIMITS,
  EVENT_TYPE_PATTERN,
  type EventType,
  type SansheEvent,
  validateEvent,
} from '@sanshe/contracts';
import { OutboxWriter } from '@sanshe/messaging';
import { noteArrival, portalOfCommandsTopic, replyRejected } from './portal-replies';

/** The parts of a refused record's envelope a reply needs: who sent what, under which id. */
interface CommandIdentity {
  id: string;
  source: string;
  type: string;
  correlationid?: string;
}

const text = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.length >= 1 && value.length <= max;

/** The command's identity when the record names one well enough to be answered, else null. */
function identityOf(value: unknown): CommandIdentity | null {
  if (typeof value !== 'object' || value === null) return null;
  const { id, source, type, correlationid } = value as Record<string, unknown>;
  if (!text(id, ENVELOPE_LIMITS.id) || !text(source, ENVELOPE_LIMITS.source)) return null;
  if (!text(type, 200) || !EVENT_TYPE_PATTERN.test(type)) return null;
  return { id, source, type, ...(text(correlationid, ENVELOPE_LIMITS.id) ? { correlationid } : {}) };
}

/**
 * A record on a portal's commands topic that breaks its contract is dead-lettered by the inbox, as any invalid
 * event is (operators see a portal's broken client there); when its envelope still names the command (an id, a
 * source, a type governance acts on), the portal is also answered command-rejected `schema-invalid`, the reason
 * naming each offending field (docs/events.md, "Portal commands and replies"). Not replayed: the portal sends
 * a corrected command under a new id. The reply's id is the command's, so a redelivered record is answered once
 * while its first reply is in the outbox; a failure to answer is logged, never thrown (the dead letter has it).
 */
@Injectable()
export class AnswerInvalidCommandHandler {
  private readonly logger = new Logger('PortalCommands');

  constructor(
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  /** Whether it answered the record (`value` as read from `topic`). */
  async execute(value: Buffer | null, topic: string): Promise<boolean> {
    const portalId = portalOfCommandsTopic(topic);
    if (!portalId || value === null) return false;
    let parsed: unknown;
    try {
      parsed = JSON.parse(value.toString());
    } catch {
      return false; // not JSON: nothing names a command to answer
    }
    const command = identityOf(parsed);
    if (!command || actingServiceOf(command.type) !== 'governance') return false;
    const reason = invalidity(parsed);
    if (reason === null) return false; // valid, dead-lettered for another reason (its handler's, or a long stall)
    try {
      await this.dataSource.transaction(async (manager) => {
        noteArrival(manager, topic);
        await replyRejected(this.outbox, manager, command as SansheEvent<EventType>, 'schema-invalid', reason);
      });
      return true;
    } catch (err) {
      this.logger.error(`could not answer ${portalId}'s invalid command ${command.id}: ${errorMessage(err)}`);
      return false;
    }
  }
}

/** Why `value` is not a valid event (the validator's message, naming each field), or null when it is one. */
function invalidity(value: unknown): string | null {
  try {
    validateEvent(value);
    return null;
  } catch (err) {
    return errorMessage(err);
  }
}
