import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AccessDenied } from '@sanshe/auth';
import { Id, schemaProblems } from '@sanshe/contracts';
import { type Caller, FUNDER_ROLES, isAuditor, roleRefusal } from '../../access/funding-access';
import { PaymentRepository } from '../../payments/domain/payment.repository';
import type { DisbursementRequest } from '../domain/disbursement-request';
import { RequestGrantNotFound, RequestInputInvalid } from '../domain/disbursement-request-errors';
import { DisbursementRequestRepository } from '../domain/disbursement-request.repository';

/** GET /grants/{grantId}/requests: for auditors, and the grant funder's admin and staff. */
@Injectable()
export class ReadDisbursementRequestsHandler {
  constructor(
    private readonly requests: DisbursementRequestRepository,
    private readonly payments: PaymentRepository,
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
  ) {}

  async ofGrant(grantId: string, caller: Caller): Promise<DisbursementRequest[]> {
    const problems = schemaProblems(Id, grantId, '/params/grantId');
    if (problems.length > 0) throw new RequestInputInvalid(problems);
    const grant = await this.payments.grant(this.dataSource.manager, grantId);
    if (!grant) throw new RequestGrantNotFound(`funding knows no grant ${grantId}`);
    if (!isAuditor(caller)) {
      const refusal = roleRefusal(caller, FUNDER_ROLES, [grant.funderId], `read the requests of grant ${grantId}`);
      if (refusal) throw new AccessDenied(`${refusal} (or the role auditor)`);
    }
    return this.requests.listFor(grantId);
  }
}
