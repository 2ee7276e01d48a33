import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Type } from '@sinclair/typebox';
import type { DataSource } from 'typeorm';
import { AccessDenied } from '@sanshe/auth';
import { Id, ObjectionReason, schemaProblems } from '@sanshe/contracts';
import { OutboxWriter } from '@sanshe/messaging';
import { closedObjects } from '@sanshe/nest-platform';
import type { Caller } from '../../access/community-access';
import { bodyOfParty } from '../../representatives/domain/representative';
import { RepresentativeRoster } from '../../representatives/domain/representative.repository';
import { isCommunityParty } from '../domain/community-decision';
import { CommunityPartyId } from './cast-vote';
import { type CallInInput, callInRefusal, type CommunityCallIn, requestCallIn } from '../domain/community-filing';
import { voterRefusal } from '../domain/community-vote';
import { FilingRepository } from '../domain/filing.repository';
import { VoteConflict, VoteInputInvalid, VoteNotFound } from '../domain/vote-errors';

export const CallInBody = closedObjects(
  Type.Object({ proposalId: Id, partyId: CommunityPartyId, reason: ObjectionReason }),
);

/**
 * POST /call-ins: the body (400); who may speak for the party (403: the role and party in the token, and
 * a serving member of that body in the roster, exactly as for a vote); whether the filing waits on the
 * party (404; 409 not-seated, call-in-closed); then the call-in and its filing.call-in-requested event
 * commit together. Governance counts it; a refusal comes back as vote-rejected and shows on the call-in.
 */
@Injectable()
export class RequestCallInHandler {
  constructor(
    private readonly filings: FilingRepository,
    private readonly roster: RepresentativeRoster,
    private readonly outbox: OutboxWriter,
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
  ) {}

  async execute(body: unknown, caller: Caller, now = new Date()): Promise<CommunityCallIn> {
    const problems = schemaProblems(CallInBody, body, '/body');
    const { proposalId, partyId, reason } = (body ?? {}) as CallInInput; // no body: refused below, not a TypeError
    if (problems.length === 0 && !isCommunityParty(partyId)) {
      problems.push({
        path: '/body/partyId',
        message: 'must be community:<communityCode> or residents:<communityCode>',
      });
    }
    if (problems.length > 0) throw new VoteInputInvalid(problems);
    const refusal = voterRefusal(caller, partyId, `call in a filing for ${partyId}`);
    if (refusal) throw new AccessDenied(refusal);
    const party = bodyOfParty(partyId);
    if (!party || !(await this.roster.isActive(party.communityCode, party.body, caller.sub))) {
      throw new AccessDenied(
        `${caller.sub} may not call in for ${partyId}: not a serving member of its ${party?.body} body`,
      );
    }
    const input = { proposalId, partyId, reason: { code: reason.code, text: reason.text } };
    return this.dataSource.transaction(async (manager) => {
      const filing = await this.filings.lockByProposal(manager, proposalId);
      if (!filing) throw new VoteNotFound(`the community knows no filing of proposal ${proposalId}`);
      const earlier = await this.filings.callInOf(manager, filing.decisionId, partyId);
      const conflict = callInRefusal(filing, partyId, earlier, now);
      if (conflict) throw new VoteConflict(conflict.code, conflict.message);
      const { callIn, event } = requestCallIn(`call-in-${randomUUID()}`, input, filing, caller.sub);
      await this.filings.insertCallIn(manager, callIn);
      await this.outbox.publish(manager, event);
      return callIn;
    });
  }
}
