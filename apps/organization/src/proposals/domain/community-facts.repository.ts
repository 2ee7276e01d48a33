import type { EntityManager } from 'typeorm';
import type { KnownNeed, KnownVenue } from './community-facts';

/**
 * The needs and venues the community's events made known here (a port: the class doubles as its Nest
 * injection token). Writes are idempotent and order-tolerant: a closed need stays closed, a venue keeps
 * its highest revision.
 */
export abstract class CommunityFactsRepository {
  abstract need(manager: EntityManager, needId: string): Promise<KnownNeed | null>;
  abstract venue(manager: EntityManager, venueId: string): Promise<KnownVenue | null>;
  abstract recordNeed(manager: EntityManager, need: KnownNeed): Promise<void>;
  abstract recordVenue(manager: EntityManager, venue: KnownVenue & { revision: number }): Promise<void>;
}
