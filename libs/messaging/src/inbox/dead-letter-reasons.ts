/** Why an event was dead-lettered, as a bounded label (the full reason is in the dead letter's headers). */
export type DeadLetterReason = 'invalid-event' | 'unknown-type' | 'refused' | 'retries-exhausted';

/**
 * The kind of a dead letter's reason, from how InboxProcessor words it: a type outside the catalogue, an
 * event still failing past deadLetterAfterMs, an envelope or data that failed validation (or was no JSON),
 * else a handler's PermanentEventError (the event can never succeed).
 */
export function deadLetterReasonOf(reason: string): DeadLetterReason {
  if (reason.startsWith('unknown-type:')) return 'unknown-type';
  if (reason.startsWith('failing for longer than deadLetterAfterMs')) return 'retries-exhausted';
  if (/^(invalid [^:]*:|not a JSON event:)/.test(reason)) return 'invalid-event';
  return 'refused';
}
