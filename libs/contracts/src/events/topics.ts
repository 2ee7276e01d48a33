import type { EventContext } from './event-definition';

/**
 * Kafka topics. One topic per producing context; the partition key is always the aggregate id
 * (the event's `subject`), so each aggregate's events stay in order.
 */
export const contextTopic = (context: Exclude<EventContext, 'portal'>) => `sanshe.${context}.events` as const;

/** A portal id: lowercase letters, digits and dashes (it names the portal's topic and its party id). */
export const PORTAL_ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

/** Commands a government portal sends (open a program, arbitrate, confirm a payment). */
export const portalCommandsTopic = (portalId: string) => {
  if (!PORTAL_ID_PATTERN.test(portalId))
    throw new Error(`portal id "${portalId}" must be lowercase letters, digits and dashes`);
  return `sanshe.portal.${portalId}.commands`;
};

/** Replies to a portal's commands (accepted, rejected, a requested report): the portal reads only its own. */
export const portalRepliesTopic = (portalId: string) => {
  if (!PORTAL_ID_PATTERN.test(portalId))
    throw new Error(`portal id "${portalId}" must be lowercase letters, digits and dashes`);
  return `sanshe.portal.${portalId}.replies`;
};

/** Where a consumer group puts what it cannot process, with the reason in the headers. */
export const deadLetterTopic = (consumerGroup: string) => `sanshe.dlq.${consumerGroup}`;

/** Headers on a dead-letter record. */
export const DEAD_LETTER_HEADERS = {
  error: 'sanshe-dlq-error',
  originalTopic: 'sanshe-dlq-original-topic',
  originalPartition: 'sanshe-dlq-original-partition',
  originalOffset: 'sanshe-dlq-original-offset',
  attempts: 'sanshe-dlq-attempts',
  consumer: 'sanshe-dlq-consumer',
} as const;
