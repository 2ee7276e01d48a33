import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ConsentLedger } from '../../consents/domain/consent-ledger';
import { consentOrganization, type DataAccessGrant, type DataAccessResult } from '../domain/data-access-request';
import { DataAccessRepository } from '../domain/data-access.repository';
import { DataAccessEvents } from './data-access-events';

/** Governance's decided about a data-access request (`decision/data-access/<requestId>`). */
export interface DecideDataAccessCommand {
  requestId: string;
  decisionId: string;
  communityCode: string;
  result: DataAccessResult;
}

export type DecisionEffect = 'granted' | 'refused' | 'already-decided' | 'unknown-request';

/**
 * Applies governance's outcome to a request, in the caller's (the inbox's) transaction: approved → a
 * grant of the requested fields over exactly the requested residents who consent at this moment;
 * rejected or withdrawn → the request is closed. Only this creates a grant: the community cannot grant
 * or refuse alone. Applied once: the request's lock, then its status, so the same decided again (or
 * re-sent under a new event id) has no second effect.
 */
@Injectable()
export class DecideDataAccessHandler {
  private readonly logger = new Logger('DecideDataAccess');

  constructor(
    private readonly requests: DataAccessRepository,
    private readonly consents: ConsentLedger,
    private readonly events: DataAccessEvents,
  ) {}

  async execute(manager: EntityManager, command: DecideDataAccessCommand): Promise<DecisionEffect> {
    const { requestId, decisionId, communityCode, result } = command;
    const request = await this.requests.lockRequest(manager, requestId);
    if (!request || request.communityCode !== communityCode) {
      this.logger.warn(
        `${decisionId} decided ${result} for request ${requestId}, which ${communityCode} does not have`,
      );
      return 'unknown-request';
    }
    if (request.status !== 'requested') return 'already-decided';
    const decidedAt = new Date();
    await this.requests.recordDecision(manager, requestId, { decisionId, result, decidedAt });
    if (result !== 'approved') {
      await this.events.refused(manager, { requestId, decisionId, communityCode, result });
      return 'refused';
    }
    const { consentPurpose, organizationId, residentIds } = request;
    const consenting = await this.consents.consenting(
      residentIds,
      consentPurpose,
      consentOrganization(consentPurpose, organizationId),
      decidedAt,
      manager,
    );
    const covered = residentIds.filter((residentId) => consenting.has(residentId));
    const grant: DataAccessGrant = {
      grantId: `grant-${randomUUID()}`,
      requestId,
      decisionId,
      organizationId,
      communityCode,
      consentPurpose,
      fields: request.fields,
      expiresAt: request.expiresAt,
      createdAt: decidedAt,
    };
    await this.requests.insertGrant(manager, grant, covered);
    await this.events.granted(manager, grant, covered.length);
    return 'granted';
  }
}
