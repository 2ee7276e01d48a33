import type { EntityManager } from 'typeorm';
import type { Portal } from './portal';

/** Funding's copy of the portal registry (the port: the class is also its injection token). */
export abstract class PortalRepository {
  abstract find(manager: EntityManager, portalId: string): Promise<Portal | null>;
  /** Stores `portal` unless a row of the same or a newer version is there; true when it was stored. */
  abstract saveIfNewer(manager: EntityManager, portal: Portal): Promise<boolean>;
  abstract listActive(): Promise<Portal[]>;
}
