import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { actsForFunder, actsForOrganization, type Caller, isAuditor } from '../../access/funding-access';
import type { Payment } from '../domain/payment';
import { GrantNotFound, PaymentNotFound } from '../domain/payment-errors';
import { type PayableGrant, PaymentRepository } from '../domain/payment.repository';

/** Who reads a grant's payments: its funder's admin and staff, its organization's, and auditors. */
export const mayReadPayments = (caller: Caller, grant: PayableGrant): boolean =>
  isAuditor(caller) || actsForFunder(caller, grant.funderId) || actsForOrganization(caller, grant.organizationId);

/** The payments queries. A grant or payment the caller may not read is answered as not found. */
@Injectable()
export class ReadPaymentsHandler {
  constructor(
    private readonly payments: PaymentRepository,
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
  ) {}

  /** The grant's payments, by tranche. */
  async forGrant(caller: Caller, grantId: string): Promise<Payment[]> {
    const { manager } = this.dataSource;
    const grant = await this.payments.grant(manager, grantId);
    if (!grant || !mayReadPayments(caller, grant)) throw new GrantNotFound(`no grant ${grantId} the caller may read`);
    return this.payments.listByGrant(manager, grantId);
  }

  /** A payment and the grant it pays (the retry's authorization reads the grant's funder). */
  async withGrant(paymentId: string): Promise<{ payment: Payment; grant: PayableGrant }> {
    const { manager } = this.dataSource;
    const payment = await this.payments.findById(manager, paymentId);
    const grant = payment && (await this.payments.grant(manager, payment.grantId));
    if (!payment || !grant) throw new PaymentNotFound(`no payment ${paymentId}`);
    return { payment, grant };
  }
}
