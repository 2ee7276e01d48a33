import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SansheEvent } from '@sanshe/contracts';
import { ApplyDecisionUpdateHandler } from '../../decisions/application/apply-decision-update';
import { FilingRepository } from '../domain/filing.repository';

export interface CloseFilingCommand {
  /** `proposal.withdrawn` with `withdrawnFrom: 'filing'`, from the organization's channel (checked by the caller). */
  event: SansheEvent<'sanshe.organization.proposal.withdrawn.v1'>;
}

/**
 * The proposer withdraws its filing. Noticed → withdrawn: later call-ins are refused `filing-closed`.
 * Already called in (the organization had not heard yet) → the decision is open, so this becomes the
 * proposer's withdraw update on it, as a decision's withdrawal would. Withdrawn already: nothing.
 */
@Injectable()
export class CloseFilingHandler {
  private readonly logger = new Logger('CloseFiling');

  constructor(
    private readonly filings: FilingRepository,
    private readonly applyUpdate: ApplyDecisionUpdateHandler,
  ) {}

  async execute(manager: EntityManager, { event }: CloseFilingCommand): Promise<void> {
    const { proposalId, reason } = event.data;
    await this.filings.lock(manager, proposalId);
    const filing = await this.filings.find(proposalId, manager);
    if (!filing) {
      // Filed and withdrawn share a topic and key, so the filing came first unless it was never published.
      this.logger.warn(`${event.id}: no filing of ${proposalId} to withdraw`);
      return;
    }
    if (filing.status === 'noticed') {
      await this.filings.setStatus(manager, proposalId, 'withdrawn', null);
      return;
    }
    if (filing.status === 'called-in') {
      const update = { kind: 'withdraw' as const, request: { castBy: filing.proposerId, reason } };
      await this.applyUpdate.execute(manager, { decisionId: filing.decisionId, update, event });
    }
  }
}
