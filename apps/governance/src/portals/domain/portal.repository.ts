import type { EntityManager } from 'typeorm';
import type { Portal } from './portal';
import type { PartyClaim } from './portal-rules';

/** The registry inside one transaction that holds its lock: registrations and updates take turns. */
export interface PortalTransaction {
  /** The transaction, for the outbox: a change and its event commit together. */
  readonly manager: EntityManager;
  find(portalId: string): Promise<Portal | null>;
  /** Every registered portal, suspended ones included, as the transaction sees them. */
  list(): Promise<Portal[]>;
  /** The other portals' claims on `partyIds` (their portal:<id> and speaksFor), suspended ones included. */
  claimsOn(partyIds: readonly string[], exceptPortalId: string): Promise<PartyClaim[]>;
  /** Stores a new portal at version 1; its timestamps are the transaction's. */
  insert(portal: Omit<Portal, 'registeredAt' | 'updatedAt'>): Promise<Portal>;
  /** Stores `portal` as its next version if `expectedVersion` is still the latest; null when it is not. */
  update(portal: Omit<Portal, 'registeredAt' | 'updatedAt'>, expectedVersion: number): Promise<Portal | null>;
}

/** The registered portals (a port: the class is also its Nest injection token). */
export abstract class PortalRepository {
  abstract list(): Promise<Portal[]>;
  abstract find(portalId: string): Promise<Portal | null>;
  abstract locked<T>(work: (tx: PortalTransaction) => Promise<T>): Promise<T>;
}
