import type { EntityManager } from 'typeorm';
import type { DisbursementRequest } from './disbursement-request';

/** The requests funding sent for grants' funders; writes join the caller's transaction. */
export abstract class DisbursementRequestRepository {
  /**
   * Stores the request, or returns the earlier one it repeats (an objection to the same tranche, a cancellation
   * of the same grant, not refused by governance), storing nothing.
   */
  abstract insert(manager: EntityManager, request: DisbursementRequest): Promise<DisbursementRequest | null>;
  /** The requests about `grantId`, oldest first. */
  abstract listFor(grantId: string): Promise<DisbursementRequest[]>;
  /** Marks the request sent as `eventId` refused by governance; false when funding sent no such event. */
  abstract refuse(manager: EntityManager, eventId: string, refusal: { code: string; reason: string }): Promise<boolean>;
}
