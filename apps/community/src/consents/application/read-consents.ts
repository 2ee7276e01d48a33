import { Injectable } from '@nestjs/common';
import { AccessDenied } from '@sanshe/auth';
import { ROLES, type Caller } from '../../access/community-access';
import { readRefusal } from '../domain/consent-access';
import { type ConsentRecord, latestRecords } from '../domain/consent-record';
import { ConsentRepository } from '../domain/consent.repository';
import { ResidentCommunity } from './resident-community';

/** A resident's consents: every record, and the latest per purpose (and organization) — what counts now. */
export interface ResidentConsents {
  residentId: string;
  communityCode: string;
  history: ConsentRecord[];
  current: ConsentRecord[];
}

/** GET /residents/{residentId}/consents, for those who record them and for auditors. */
@Injectable()
export class ReadConsentsHandler {
  constructor(
    private readonly consents: ConsentRepository,
    private readonly residents: ResidentCommunity,
  ) {}

  async execute(residentId: string, caller: Caller): Promise<ResidentConsents> {
    const communityCode = await this.residents.of(residentId);
    const refusal = readRefusal(caller, communityCode);
    if (refusal) throw new AccessDenied(refusal);
    if (!caller.roles.includes(ROLES.auditor)) await this.residents.requireChannel(caller, communityCode);
    const history = await this.consents.history(residentId);
    return { residentId, communityCode, history, current: latestRecords(history, new Date()) };
  }
}
