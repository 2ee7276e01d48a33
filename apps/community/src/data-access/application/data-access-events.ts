import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxWriter } from '@sanshe/messaging';
import { organizationParty } from '../../access/community-access';
import { DATA_ACCESS_DATASET, type DataAccessGrant, type DataAccessRequest } from '../domain/data-access-request';

/**
 * A request's events, in the caller's transaction. Each happens at most once per request (requested, then
 * granted or refused), so its id is `<type>:<requestId>`. No resident id, no personal field value on the
 * wire: only counts and field names.
 */
@Injectable()
export class DataAccessEvents {
  constructor(private readonly outbox: OutboxWriter) {}

  async requested(manager: EntityManager, request: DataAccessRequest): Promise<void> {
    const type = 'sanshe.community.data-access.requested.v1';
    const { requestId, communityCode, organizationId, purpose, activityId, fields, consentPurpose } = request;
    await this.outbox.publish(manager, {
      type,
      id: `${type}:${requestId}`,
      subject: requestId,
      data: {
        requestId,
        communityCode,
        requesterId: organizationParty(organizationId),
        dataset: DATA_ACCESS_DATASET,
        purpose,
        ...(activityId === null ? {} : { activityId }),
        fields,
        consentPurpose,
        residentCount: request.residentIds.length,
        expiresAt: request.expiresAt.toISOString(),
      },
    });
  }

  async granted(manager: EntityManager, grant: DataAccessGrant, residentsCovered: number): Promise<void> {
    const type = 'sanshe.community.data-access.granted.v1';
    const { requestId, grantId, decisionId, communityCode, organizationId, fields } = grant;
    await this.outbox.publish(manager, {
      type,
      id: `${type}:${requestId}`,
      subject: requestId,
      data: {
        requestId,
        grantId,
        decisionId,
        communityCode,
        organizationId,
        fields,
        residentsCovered,
        expiresAt: grant.expiresAt.toISOString(),
      },
    });
  }

  async refused(
    manager: EntityManager,
    refusal: { requestId: string; decisionId: string; communityCode: string; result: 'rejected' | 'withdrawn' },
  ): Promise<void> {
    const type = 'sanshe.community.data-access.refused.v1';
    await this.outbox.publish(manager, {
      type,
      id: `${type}:${refusal.requestId}`,
      subject: refusal.requestId,
      data: refusal,
    });
  }
}
