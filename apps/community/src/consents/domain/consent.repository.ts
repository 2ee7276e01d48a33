import type { ConsentPurpose } from '@sanshe/contracts/pure';
import type { EntityManager } from 'typeorm';
import type { ConsentRecord } from './consent-record';

/** Where consent records are kept: appended, never changed. */
export abstract class ConsentRepository {
  /** Appends one record in the caller's transaction; returns it with its sequence. */
  abstract append(manager: EntityManager, record: Omit<ConsentRecord, 'sequence'>): Promise<ConsentRecord>;
  /** A resident's whole history, oldest first. */
  abstract history(residentId: string, manager?: EntityManager): Promise<ConsentRecord[]>;
  /** The records of these residents for one purpose (and organization, when it names one) up to `at`. */
  abstract recordsFor(
    residentIds: string[],
    purpose: ConsentPurpose,
    organizationId: string | null,
    at: Date,
    manager?: EntityManager,
  ): Promise<ConsentRecord[]>;
}
