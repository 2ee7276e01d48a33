import type { SansheEvent } from '@sanshe/contracts';

/** An event's identity as the inbox keys it (source and id): what an Update id or an answer's id derives from. */
export const eventIdentity = (event: Pick<SansheEvent, 'source' | 'id'>) => `${event.source} ${event.id}`;
