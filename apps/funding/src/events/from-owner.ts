import { contextTopic, type SansheEvent } from '@sanshe/contracts';
import { type Delivery, PermanentEventError } from '@sanshe/messaging';

/** The contexts whose facts funding reads. */
export type OwnerContext = 'governance' | 'organization';

/**
 * A fact counts only from its owner's channel (its source on its own topic): anything else (a portal
 * writing on a context's topic, say) is dead-lettered, never applied.
 */
export function fromOwner(event: SansheEvent, delivery: Delivery, context: OwnerContext): void {
  if (delivery.topic !== contextTopic(context) || event.source !== `sanshe/${context}`) {
    throw new PermanentEventError(
      `wrong-channel: ${event.type} counts only from sanshe/${context} on ${contextTopic(context)}, ` +
        `not from ${event.source} on ${delivery.topic}`,
    );
  }
}
