import type { EntityManager } from 'typeorm';
import { actingServiceOf, type EventType, PORTAL_ID_PATTERN, type SansheEvent } from '@sanshe/contracts';
import type { OutboxWriter } from '@sanshe/messaging';
import { portalReplyId } from '@sanshe/service-kit';

/*
 * Every portal command governance acts on is answered once, on the portal's replies topic
 * (docs/events.md, "Portal commands and replies"): sanshe.governance.portal.command-accepted.v1 or
 * command-rejected.v1, written through the outbox in the caller's (inbox) transaction. Accepted and rejected
 * share one id, derived from the command's identity, so the first answer written wins and a redelivery or
 * a second answer in the same transaction adds nothing (the outbox skips an id it holds).
 */

const COMMANDS_TOPIC = /^sanshe\.portal\.([a-z0-9][a-z0-9-]*)\.commands$/;
const PORTAL_SOURCE = /^portal\/([a-z0-9][a-z0-9-]*)$/;
const REASON_MAX = 4000;

/** Which topic each inbox transaction reads (one partition per transaction): noted by the bridge's handlers. */
const arrivals = new WeakMap<EntityManager, string>();

/** The portal whose commands topic `topic` is, or null. */
export const portalOfCommandsTopic = (topic: string): string | null => COMMANDS_TOPIC.exec(topic)?.[1] ?? null;

/** Notes the topic the events of `manager`'s inbox transaction came from: a reply goes to that portal. */
export function noteArrival(manager: EntityManager, topic: string): void {
  arrivals.set(manager, topic);
}

/**
 * The portal that sent `event` as a command governance answers, or null: the portal whose commands topic it
 * was read from (only that portal may write there; whatever type it wrote), else — a parked command applied
 * while another topic's event is handled — the portal the `source` of a portal command names (it passed the
 * channel check when it arrived). Funding's commands (payments, programs) are funding's to answer.
 */
export function commandingPortal(event: { type: string; source: string }, topic?: string): string | null {
  if (actingServiceOf(event.type) !== 'governance') return null;
  const fromTopic = topic === undefined ? undefined : COMMANDS_TOPIC.exec(topic)?.[1];
  if (fromTopic) return fromTopic;
  if (!event.type.startsWith('sanshe.portal.')) return null;
  const fromSource = PORTAL_SOURCE.exec(event.source)?.[1];
  return fromSource && PORTAL_ID_PATTERN.test(fromSource) ? fromSource : null;
}

/** The reply's id: one per command identity (the rule funding's replies follow too). */
export const replyId = portalReplyId;

type Command = SansheEvent<EventType>;

/** Answers `command` as applied, with what it made or changed; nothing when it is not a portal's command. */
export async function replyAccepted(
  outbox: Pick<OutboxWriter, 'publish'>,
  manager: EntityManager,
  command: Command,
  result?: Record<string, unknown>,
): Promise<void> {
  const portalId = commandingPortal(command, arrivals.get(manager));
  if (portalId === null) return;
  await outbox.publish(manager, {
    type: 'sanshe.governance.portal.command-accepted.v1',
    id: replyId(command),
    subject: command.id,
    correlationid: command.correlationid ?? command.id,
    data: { commandId: command.id, commandType: command.type, portalId, ...(result ? { result } : {}) },
  });
}

/** Answers `command` as refused, changing nothing; nothing when it is not a portal's command. */
export async function replyRejected(
  outbox: Pick<OutboxWriter, 'publish'>,
  manager: EntityManager,
  command: Command,
  code: string,
  reason: string,
): Promise<void> {
  const portalId = commandingPortal(command, arrivals.get(manager));
  if (portalId === null) return;
  await outbox.publish(manager, {
    type: 'sanshe.governance.portal.command-rejected.v1',
    id: replyId(command),
    subject: command.id,
    correlationid: command.correlationid ?? command.id,
    data: {
      commandId: command.id,
      commandType: command.type,
      portalId,
      code: kebab(code),
      reason: reason.slice(0, REASON_MAX) || code,
    },
  });
}

/** A workflow's refusal code as the contract wants it: kebab-case (notTheArbiter → not-the-arbiter). */
export const kebab = (code: string) =>
  code
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()
    .replace(/^[^a-z]+/, '') || 'refused';
