import type { EntityManager } from 'typeorm';
import type { Venue } from './venue';

/** The venue store (a port and its injection token); writes take the caller's manager. */
export abstract class VenueRepository {
  abstract communityExists(manager: EntityManager, communityCode: string): Promise<boolean>;

  /** The venue, locked until the transaction ends; null if unknown (concurrent first PUTs: see save). */
  abstract lock(manager: EntityManager, venueId: string): Promise<Venue | null>;

  /** Inserts revision 1 or updates to a later revision. */
  abstract save(manager: EntityManager, venue: Venue, updatedBy: string): Promise<void>;

  abstract find(venueId: string): Promise<Venue | null>;
}
