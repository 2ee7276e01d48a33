import type { EntityManager } from 'typeorm';
import type { DataAccessGrant, DataAccessRequest, DataAccessResult } from './data-access-request';

/** A request with what its decision granted, for GET /data-access-requests/{id}. */
export interface StoredRequest {
  request: DataAccessRequest;
  grant: (DataAccessGrant & { residentsCovered: number }) | null;
}

/** Requests and grants in PostgreSQL; writes take the use case's transaction. */
export abstract class DataAccessRepository {
  abstract insertRequest(manager: EntityManager, request: DataAccessRequest): Promise<void>;
  /** The request, locked until the transaction ends (its decision is applied once); null when unknown. */
  abstract lockRequest(manager: EntityManager, requestId: string): Promise<DataAccessRequest | null>;
  abstract recordDecision(
    manager: EntityManager,
    requestId: string,
    decision: { decisionId: string; result: DataAccessResult; decidedAt: Date },
  ): Promise<void>;
  abstract insertGrant(manager: EntityManager, grant: DataAccessGrant, residentIds: string[]): Promise<void>;
  abstract findRequest(requestId: string): Promise<StoredRequest | null>;
  abstract findGrant(grantId: string): Promise<DataAccessGrant | null>;
  abstract covers(grantId: string, residentId: string): Promise<boolean>;
}
