import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SansheEvent } from '@sanshe/contracts';
import { OutboxWriter } from '@sanshe/messaging';
import { ApplyDecisionUpdateHandler } from '../../decisions/application/apply-decision-update';
import type { Filing } from '../domain/filing';
import { FilingRepository } from '../domain/filing.repository';

type Withdrawn = SansheEvent<'sanshe.organization.proposal.withdrawn.v1'>;

export interface CloseFilingCommand {
  /** `proposal.withdrawn` with `withdrawnFrom: 'filing'`, from the organization's channel (checked by the caller). */
  event: Withdrawn;
}

/**
 * The proposer withdraws its filing. Noticed → withdrawn, and `filing.withdrawn` in the same transaction so
 * the parties' services stop taking call-ins; later call-ins are refused `filing-closed`.
 * Already called in (the organization had not heard yet) → the decision is open, so this becomes the
 * proposer's withdraw update on it, as a decision's withdrawal would. Withdrawn already: nothing.
 */
@Injectable()
export class CloseFilingHandler {
  private readonly logger = new Logger('CloseFiling');

  constructor(
    private readonly filings: FilingRepository,
    private readonly applyUpdate: ApplyDecisionUpdateHandler,
    private readonly outbox: OutboxWriter,
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
      await this.publishWithdrawn(manager, event, filing);
      return;
    }
    if (filing.status === 'called-in') {
      const update = { kind: 'withdraw' as const, request: { castBy: filing.proposerId, reason } };
      await this.applyUpdate.execute(manager, { decisionId: filing.decisionId, update, event });
    }
  }

  /** Once per filing: the id is the proposal's, so a republished one is a duplicate downstream too. */
  private async publishWithdrawn(manager: EntityManager, event: Withdrawn, filing: Filing): Promise<void> {
    const type = 'sanshe.governance.filing.withdrawn.v1';
    await this.outbox.publish(manager, {
      type,
      id: `${type}:${filing.proposalId}`,
      subject: filing.decisionId,
      correlationid: event.correlationid ?? event.id,
      data: {
        proposalId: filing.proposalId,
        decisionId: filing.decisionId,
        communityCode: filing.communityCode,
        organizationId: filing.organizationId,
        reason: event.data.reason,
        withdrawnAt: event.time,
      },
    });
  }
}
