import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { Static } from '@sinclair/typebox';
import type { DataSource, EntityManager } from 'typeorm';
import { AccessDenied } from '@sanshe/auth';
import { Id, schemaProblems } from '@sanshe/contracts';
import { OutboxWriter } from '@sanshe/messaging';
import { type Caller, FUNDER_ROLES, roleRefusal } from '../../access/funding-access';
import { PaymentRepository } from '../../payments/domain/payment.repository';
import {
  type DisbursementRequest,
  type GrantFacts,
  raiseRequest,
  REQUEST_BODIES,
  requestConflict,
  type RequestInput,
  type RequestKind,
} from '../domain/disbursement-request';
import {
  AlreadyRequested,
  RequestGrantNotFound,
  RequestInputInvalid,
  RequestRefused,
} from '../domain/disbursement-request-errors';
import { DisbursementRequestRepository } from '../domain/disbursement-request.repository';

type Body = Partial<Static<(typeof REQUEST_BODIES)['clawback']>>;
const ACTION: Record<RequestKind, string> = {
  objection: 'object to a tranche',
  clawback: 'propose a clawback',
  cancellation: 'ask to cancel the grant',
};

/**
 * POST /grants/{grantId}/objections, …/clawback-proposals, …/cancellation-requests: the body (400); the grant
 * (404), share-locked so its status holds until commit; who speaks for its funder (403: funder-admin or
 * funder-staff of the grant's funderId, as for the funder's seat); what the grant takes (409, or 400 for a
 * tranche it has not); then the request and its event commit together, once while governance has not refused it.
 */
@Injectable()
export class RaiseDisbursementRequestHandler {
  constructor(
    private readonly requests: DisbursementRequestRepository,
    private readonly payments: PaymentRepository,
    private readonly outbox: OutboxWriter,
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
  ) {}

  async execute(kind: RequestKind, grantId: string, body: unknown, caller: Caller, now = new Date()) {
    const problems = [
      ...schemaProblems(Id, grantId, '/params/grantId'),
      ...schemaProblems(REQUEST_BODIES[kind], body, '/body'),
    ];
    if (problems.length > 0) throw new RequestInputInvalid(problems);
    const { trancheNo, amount, reason } = body as Body & Pick<RequestInput, 'reason'>;
    return this.dataSource.transaction(async (manager): Promise<DisbursementRequest> => {
      const grant = await this.payments.grantForShare(manager, grantId);
      if (!grant) throw new RequestGrantNotFound(`funding knows no grant ${grantId}`);
      const refusal = roleRefusal(caller, FUNDER_ROLES, [grant.funderId], `${ACTION[kind]} of grant ${grantId}`);
      if (refusal) throw new AccessDenied(refusal);
      const input: RequestInput = {
        ...{ kind, grantId, trancheNo: trancheNo ?? null, partyId: grant.funderId, reason },
        amount: amount ?? null,
      };
      const conflict = requestConflict(input, await this.factsOf(manager, grant, input));
      if (conflict?.code === 'input') throw new RequestInputInvalid([conflict]);
      if (conflict) throw new RequestRefused(conflict);
      const { request, event } = raiseRequest(`dreq-${randomUUID()}`, input, caller.sub, now);
      const earlier = await this.requests.insert(manager, request);
      if (earlier) throw repeated(input, earlier);
      await this.outbox.publish(manager, event);
      return request;
    });
  }

  private async factsOf(
    manager: EntityManager,
    grant: { status: string; currency: string; tranches: { trancheNo: number }[] | null },
    input: RequestInput,
  ): Promise<GrantFacts> {
    const payment =
      input.kind === 'clawback' && input.trancheNo !== null
        ? await this.payments.findByTranche(manager, input.grantId, input.trancheNo)
        : null;
    return {
      ...{ status: grant.status, currency: grant.currency },
      trancheNos: (grant.tranches ?? []).map((tranche) => tranche.trancheNo),
      payment: payment && { status: payment.status, amountFen: payment.amountFen },
    };
  }
}

function repeated(input: RequestInput, earlier: DisbursementRequest): AlreadyRequested {
  const { grantId, trancheNo, partyId } = input;
  return input.kind === 'objection'
    ? new AlreadyRequested(
        'already-objected',
        `${partyId} already objected to tranche ${trancheNo} of grant ${grantId} (request ${earlier.requestId}); ` +
          'the disbursement takes one objection per party per tranche',
      )
    : new AlreadyRequested(
        'cancellation-pending',
        `${partyId} already asked to cancel grant ${grantId} (request ${earlier.requestId})`,
      );
}
