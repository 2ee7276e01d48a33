import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Type } from '@sinclair/typebox';
import type { DataSource } from 'typeorm';
import { AccessDenied } from '@sanshe/auth';
import { Id, ObjectionReason, schemaProblems } from '@sanshe/contracts';
import { OutboxWriter } from '@sanshe/messaging';
import type { Caller } from '../../access/organization-access';
import { closedObjects } from '@sanshe/nest-platform';
import { FilingRepository } from '../domain/filing.repository';
import { ORGANIZATION_PARTY } from '../domain/org-decision';
import { type CallInInput, callInRefusal, type OrgCallIn, requestCallIn } from '../domain/org-filing';
import { speakerRefusal } from '../domain/org-vote';
import { VoteConflict, VoteInputInvalid, VoteNotFound } from '../domain/vote-errors';

export const CallInBody = closedObjects(
  Type.Object({
    proposalId: Id,
    partyId: Type.String({ maxLength: 200, pattern: ORGANIZATION_PARTY.source }),
    reason: ObjectionReason,
  }),
);

/**
 * POST /call-ins: the body (400), who may speak for the party (403: its organization-admin), whether the
 * filing waits on the party (404; 409 own-proposal, not-seated, call-in-closed); then the call-in and its
 * filing.call-in-requested event commit together. Governance counts it; a refusal shows on the call-in.
 */
@Injectable()
export class RequestCallInHandler {
  constructor(
    private readonly filings: FilingRepository,
    private readonly outbox: OutboxWriter,
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
  ) {}

  async execute(body: unknown, caller: Caller, now = new Date()): Promise<OrgCallIn> {
    const problems = schemaProblems(CallInBody, body, '/body'); // partyId: organization:<organizationId>
    const input = body as CallInInput;
    if (problems.length > 0) throw new VoteInputInvalid(problems);
    const refusal = speakerRefusal(caller, input.partyId, 'call in a filing');
    if (refusal) throw new AccessDenied(refusal);
    return this.dataSource.transaction(async (manager) => {
      const filing = await this.filings.lockByProposal(manager, input.proposalId);
      if (!filing) throw new VoteNotFound(`the organization knows no filing of proposal ${input.proposalId}`);
      const conflict = callInRefusal(filing, input.partyId, now);
      if (conflict) throw new VoteConflict(conflict.code, conflict.message);
      const { callIn, event } = requestCallIn(`call-in-${randomUUID()}`, input, filing, caller.sub);
      await this.filings.insertCallIn(manager, callIn);
      await this.outbox.publish(manager, event);
      return callIn;
    });
  }
}
