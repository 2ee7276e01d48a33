import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { OutboxWriter } from '@sanshe/messaging';
import type { GrantPlan, ReservedBudget } from '@sanshe/workflows';
import { Ledger } from '../../ledger/application/ledger';
import { grantAccountId } from '../../ledger/domain/accounts';
import { releaseReservation, reserveGrant } from '../../ledger/domain/postings';
import { GrantNotActive, GrantNotFound } from '../../payments/domain/payment-errors';
import { type GrantBudget, GrantBudgets, grantPlanOf } from '../domain/grant-budget';

const RELEASED = 'sanshe.funding.reservation.released.v1' as const;
/** The key of a grant's release: one release per grant (a repeat replays it and releases nothing more). */
export const releaseKey = (grantId: string) => `release/${grantId}`;

const isPayable = (grant: GrantBudget) => grant.status === 'active' || grant.status === 'completed';

/**
 * The budget side of funding's activities, each in one transaction with the grant locked (as payments lock
 * it): reserve the award from its program (idempotent by `reserve/<grantId>`: activation already reserved
 * it, so the activity answers alreadyReserved), release what is still reserved (`release/<grantId>`, with
 * reservation.released), and read the grant's plan.
 */
@Injectable()
export class GrantBudgetHandlers {
  constructor(
    private readonly grants: GrantBudgets,
    private readonly ledger: Ledger,
    private readonly outbox: OutboxWriter,
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
  ) {}

  reserve(grantId: string): Promise<ReservedBudget> {
    return this.dataSource.transaction(async (manager) => {
      const grant = await this.grants.find(manager, grantId, true);
      if (!grant) throw new GrantNotFound(`no grant ${grantId}`);
      if (!isPayable(grant)) throw new GrantNotActive(`grant ${grantId} is ${grant.status}, not active`);
      const { amountFen, currency } = grant;
      await this.ledger.openGrantAccounts(manager, grantId, currency, amountFen);
      const posted = await this.ledger.post(manager, reserveGrant(grant.programId, grantId, { amountFen, currency }));
      return { reservedFen: amountFen, currency, alreadyReserved: posted.replayed };
    });
  }

  /** Moves what is still reserved for the grant back to its program; 0 when nothing is (or on a repeat). */
  release(grantId: string, reason: string): Promise<{ releasedFen: number }> {
    return this.dataSource.transaction(async (manager) => {
      const grant = await this.grants.find(manager, grantId, true);
      if (!grant) throw new GrantNotFound(`no grant ${grantId}`);
      const reserved = grantAccountId(grantId, 'reserved');
      const releasedFen = (await this.ledger.balances(manager, [reserved])).get(reserved)?.balanceFen ?? 0;
      if (releasedFen === 0) return { releasedFen: 0 };
      const amount = { amountFen: releasedFen, currency: grant.currency };
      const posting = releaseReservation(grant.programId, grantId, amount, releaseKey(grantId));
      if ((await this.ledger.post(manager, posting)).replayed) return { releasedFen: 0 };
      await this.outbox.publish(manager, {
        type: RELEASED,
        id: `${RELEASED}:${grantId}`,
        subject: grantId,
        data: { grantId, programId: grant.programId, amount, reason },
      });
      return { releasedFen };
    });
  }

  plan(grantId: string): Promise<GrantPlan> {
    return this.dataSource.transaction(async (manager) => {
      const grant = await this.grants.find(manager, grantId, false);
      if (!grant) throw new GrantNotFound(`no grant ${grantId}`);
      return grantPlanOf(grant, await this.grants.paidTranches(manager, grantId));
    });
  }
}
