import { proposalSubmitted } from './organization.events';

/** Every event type Sanshe publishes or accepts. Add new ones here; AsyncAPI is generated from this list. */
export const EVENT_CATALOG = [proposalSubmitted] as const;

export { proposalSubmitted };
