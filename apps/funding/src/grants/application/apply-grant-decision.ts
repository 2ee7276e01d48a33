import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SansheEvent } from '@sanshe/contracts';
import { OutboxWriter } from '@sanshe/messaging';
import { Ledger, LedgerError, reserveGrant } from '../../ledger';
import { ProgramRepository } from '../../programs/domain/program.repository';
import {
  activated,
  effectOfDecision,
  GRANT_AWARD_KIND,
  type Grant,
  voided,
  type VoidReasonCode,
} from '../domain/grant';
import { GrantsRepository } from '../domain/grants.repository';
import { activatedEvent, voidedEvent } from './grant-events';

type Decided = SansheEvent<'sanshe.governance.decision.decided.v1'>;

/**
 * Governance's grant-award outcome, the only thing that moves an awarded grant, in the inbox's transaction.
 * Approved: the grant's accounts opened and its amount reserved from the program (reserve/<grantId>), the
 * tranches scheduled, status active and grant.activated, all in one commit; a program whose available
 * budget no longer covers it voids the grant (budget-exhausted). Rejected or withdrawn: voided. A
 * redelivery, or an outcome for a grant already moved, changes nothing.
 */
@Injectable()
export class ApplyGrantDecision {
  constructor(
    private readonly grants: GrantsRepository,
    private readonly programs: ProgramRepository,
    private readonly ledger: Ledger,
    private readonly outbox: OutboxWriter,
  ) {}

  async decided(event: Decided, manager: EntityManager): Promise<void> {
    const { kind, subjectId, decisionId, result } = event.data;
    if (kind !== GRANT_AWARD_KIND) return;
    const grant = await this.grants.lock(manager, subjectId);
    if (!grant || grant.decisionId !== decisionId || grant.status !== 'awarded') return;
    const effect = effectOfDecision(result);
    if (effect.kind === 'void') return this.voidGrant(manager, grant, effect.reasonCode, decisionId);
    // Activated on the day governance decided (Asia/Shanghai), never later than now.
    await this.activate(manager, grant, new Date(Math.min(Date.parse(event.time), Date.now())));
  }

  private async activate(manager: EntityManager, grant: Grant, decidedAt: Date): Promise<void> {
    const amount = { amountFen: grant.amountFen, currency: grant.currency };
    await this.ledger.openGrantAccounts(manager, grant.grantId, grant.currency, grant.amountFen);
    try {
      await this.ledger.post(manager, reserveGrant(grant.programId, grant.grantId, amount));
    } catch (err) {
      // The ledger refuses before writing anything, so this transaction goes on to void the grant.
      if (err instanceof LedgerError && err.code === 'insufficient-funds') {
        return this.voidGrant(manager, grant, 'budget-exhausted', grant.decisionId);
      }
      throw err;
    }
    const active = activated(grant, decidedAt);
    if (!active) return;
    await this.grants.saveTransition(manager, active);
    const program = await this.programs.find(grant.programId, manager);
    await this.outbox.publish(manager, activatedEvent(active, program, new Date().toISOString()));
  }

  async voidGrant(manager: EntityManager, grant: Grant, reasonCode: VoidReasonCode, decisionId?: string) {
    const gone = voided(grant, reasonCode);
    if (!gone) return;
    await this.grants.saveTransition(manager, gone);
    await this.outbox.publish(manager, voidedEvent(gone, reasonCode, decisionId));
  }
}
