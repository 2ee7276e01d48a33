import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { Static } from '@sinclair/typebox';
import type { DataSource } from 'typeorm';
import { AccessDenied } from '@sanshe/auth';
import { Id, schemaProblems } from '@sanshe/contracts';
import { OutboxWriter } from '@sanshe/messaging';
import type { Caller } from '../../access/community-access';
import { codeProblem } from '../../areas/domain/administrative-area';
import { bodyOfParty } from '../../representatives/domain/representative';
import { RepresentativeRoster } from '../../representatives/domain/representative.repository';
import { voterRefusal } from '../../votes/domain/community-vote';
import {
  ClawbackBody,
  type DisbursementRequest,
  ObjectionBody,
  raiseRequest,
  type RequestKind,
} from '../domain/disbursement-request';
import { AlreadyObjected, RequestInputInvalid } from '../domain/disbursement-request-errors';
import { DisbursementRequestRepository } from '../domain/disbursement-request.repository';

type Body = Static<typeof ClawbackBody>;
const BODY = { objection: ObjectionBody, clawback: ClawbackBody } as const;

/**
 * POST /disbursements/{grantId}/objections and …/clawback-proposals: the body (400); who speaks for the
 * party (403: committee-member for community:<code>, residents-representative for residents:<code>, in the
 * token and a serving member in the roster, as for a vote); then the request and its event commit together
 * (an objection once per party and tranche: 409 already-objected). Governance decides whether it counts.
 */
@Injectable()
export class RaiseDisbursementRequestHandler {
  constructor(
    private readonly requests: DisbursementRequestRepository,
    private readonly roster: RepresentativeRoster,
    private readonly outbox: OutboxWriter,
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
  ) {}

  async execute(kind: RequestKind, grantId: string, body: unknown, caller: Caller, now = new Date()) {
    const problems = [...schemaProblems(Id, grantId, '/params/grantId'), ...schemaProblems(BODY[kind], body, '/body')];
    const { communityCode, trancheNo, party, reason, amount } = (body ?? {}) as Body; // no body: refused below
    const codeInvalid = problems.length === 0 ? codeProblem('community', communityCode) : null;
    if (codeInvalid) problems.push({ path: '/body/communityCode', message: codeInvalid });
    if (problems.length > 0) throw new RequestInputInvalid(problems);
    const partyId = `${party}:${communityCode}`;
    const what = kind === 'objection' ? 'object' : 'propose a clawback';
    const refusal = voterRefusal(caller, partyId, `${what} for ${partyId}`);
    if (refusal) throw new AccessDenied(refusal);
    const seat = bodyOfParty(partyId);
    if (!seat || !(await this.roster.isActive(communityCode, seat.body, caller.sub))) {
      throw new AccessDenied(
        `${caller.sub} may not ${what} for ${partyId}: not a serving member of its ${seat?.body} body`,
      );
    }
    const input = { kind, grantId, communityCode, trancheNo, partyId, reason, amount: amount ?? null };
    const { request, event } = raiseRequest(`dreq-${randomUUID()}`, input, caller.sub, now);
    return this.dataSource.transaction(async (manager): Promise<DisbursementRequest> => {
      const earlier = await this.requests.insert(manager, request);
      if (earlier) {
        throw new AlreadyObjected(
          `${partyId} already objected to tranche ${trancheNo} of grant ${grantId} (request ${earlier.requestId}); ` +
            'the disbursement takes one objection per party per tranche',
        );
      }
      await this.outbox.publish(manager, event);
      return request;
    });
  }
}
