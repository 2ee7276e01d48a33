import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { AccessDenied } from '@sanshe/auth';
import type { DataSource } from 'typeorm';
import type { Caller } from '../../access/community-access';
import { recordRefusal } from '../domain/consent-access';
import { type ConsentInput, consentInputProblems, type ConsentRecord } from '../domain/consent-record';
import { ConsentInputInvalid } from '../domain/consent-errors';
import { ConsentRepository } from '../domain/consent.repository';
import { ResidentCommunity } from './resident-community';

/**
 * POST /residents/{residentId}/consents (its body already matches the schema): the cross-field rules
 * (400), unknown resident (404), who may speak for the residents of its community (403: a serving
 * representative or a portal; never the committee); then one record is appended. Nothing is published: consents name residents, and no event may.
 */
@Injectable()
export class RecordConsentHandler {
  constructor(
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
    private readonly consents: ConsentRepository,
    private readonly residents: ResidentCommunity,
  ) {}

  async execute(residentId: string, input: ConsentInput, caller: Caller): Promise<ConsentRecord> {
    const problems = consentInputProblems(input);
    if (problems.length > 0) throw new ConsentInputInvalid(problems);
    const communityCode = await this.residents.of(residentId);
    const refusal = recordRefusal(caller, communityCode);
    if (refusal) throw new AccessDenied(refusal);
    const recordedVia = await this.residents.requireChannel(caller, communityCode);
    return this.dataSource.transaction((manager) =>
      this.consents.append(manager, {
        recordId: `consent-${randomUUID()}`,
        residentId,
        purpose: input.purpose,
        organizationId: input.organizationId ?? null,
        activityId: input.activityId ?? null,
        decision: input.decision,
        recordedBy: caller.sub,
        recordedVia,
        recordedAt: new Date(),
      }),
    );
  }
}
