import type { EntityManager } from 'typeorm';
import type { PaidTranche, ProfileGrant, ProfileRating, ProfileWorker } from './capacity';

/** What the profile's reads need of one organization, and when its latest fact was applied. */
export interface StoredProfile {
  workers: ProfileWorker[];
  grants: ProfileGrant[];
  paid: PaidTranche[];
  rating: ProfileRating | null;
  asOf: string | null;
}

/**
 * The capacity profile's read model. Each `*ForUpdate` read locks the row (or, when absent, nothing: the
 * inbox applies one partition's events in order, and the writes are upserts), each save upserts it
 * with `appliedAt`, the time of the event that changed it.
 */
export abstract class ProfileRepository {
  abstract workerForUpdate(manager: EntityManager, workerId: string): Promise<ProfileWorker | null>;
  abstract saveWorker(manager: EntityManager, worker: ProfileWorker, appliedAt: string): Promise<void>;
  abstract grantForUpdate(manager: EntityManager, grantId: string): Promise<ProfileGrant | null>;
  abstract saveGrant(
    manager: EntityManager,
    grant: ProfileGrant,
    proposalId: string | null,
    appliedAt: string,
  ): Promise<void>;
  /** Once per (grant, tranche): a repeated payment changes nothing. */
  abstract savePaid(
    manager: EntityManager,
    paid: PaidTranche & { organizationId: string; paidAt: string },
    appliedAt: string,
  ): Promise<void>;
  abstract ratingForUpdate(manager: EntityManager, organizationId: string): Promise<ProfileRating | null>;
  abstract saveRating(
    manager: EntityManager,
    organizationId: string,
    rating: ProfileRating,
    appliedAt: string,
  ): Promise<void>;
  abstract profileOf(organizationId: string): Promise<StoredProfile>;
}
