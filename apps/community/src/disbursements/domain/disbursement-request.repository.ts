import type { EntityManager } from 'typeorm';
import type { DisbursementRequest } from './disbursement-request';

/** The requests the community's parties sent about grants' disbursements; writes join the caller's transaction. */
export abstract class DisbursementRequestRepository {
  /**
   * Stores the request; an objection returns the party's earlier objection to the same tranche instead (not
   * refused by governance), storing nothing.
   */
  abstract insert(manager: EntityManager, request: DisbursementRequest): Promise<DisbursementRequest | null>;
  /** The requests about `grantId` from one of `partyIds`, oldest first. */
  abstract listFor(grantId: string, partyIds: readonly string[]): Promise<DisbursementRequest[]>;
  /** Marks the request sent as `eventId` refused by governance; false when the community sent no such event. */
  abstract refuse(manager: EntityManager, eventId: string, refusal: { code: string; reason: string }): Promise<boolean>;
}
