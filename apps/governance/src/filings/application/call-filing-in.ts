import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventType, FieldProblem, ObjectionReason, SansheEvent } from '@sanshe/contracts';
import { OutboxWriter } from '@sanshe/messaging';
import { ApplyParkedUpdatesHandler } from '../../decisions/application/apply-parked-updates';
import { OpenDecisionHandler } from '../../decisions/application/open-decision';
import { RejectDecisionEventHandler } from '../../decisions/application/reject-decision-event';
import type { Filing } from '../domain/filing';
import { FilingRepository } from '../domain/filing.repository';

export type CallFilingInCommand = {
  filing: Filing;
  /** The event that decided it: the deciding call-in, or the filing itself when it was not low-risk. */
  decidedBy: SansheEvent<EventType>;
} & (
  | { cause: 'parties'; calledInBy: { partyId: string; reason: ObjectionReason }[] }
  | { cause: 'not-low-risk'; violations: FieldProblem[] }
);

/**
 * A filing becomes a decision: marks it called in, publishes `filing.called-in` (id `<type>:<proposalId>`,
 * so once per filing), opens the decision from the stored opening with the deciding event as `openedBy`,
 * and applies the votes parked for it — all in the caller's inbox transaction, which holds the filing's lock.
 */
@Injectable()
export class CallFilingInHandler {
  constructor(
    private readonly filings: FilingRepository,
    private readonly outbox: OutboxWriter,
    private readonly openDecision: OpenDecisionHandler,
    private readonly applyParked: ApplyParkedUpdatesHandler,
    private readonly reject: RejectDecisionEventHandler,
  ) {}

  async execute(manager: EntityManager, command: CallFilingInCommand): Promise<void> {
    const { filing, decidedBy } = command;
    await this.filings.setStatus(manager, filing.proposalId, 'called-in', command.cause);
    const type = 'sanshe.governance.filing.called-in.v1';
    await this.outbox.publish(manager, {
      type,
      id: `${type}:${filing.proposalId}`,
      subject: filing.decisionId,
      correlationid: decidedBy.correlationid ?? decidedBy.id,
      data: {
        proposalId: filing.proposalId,
        decisionId: filing.decisionId,
        communityCode: filing.communityCode,
        cause: command.cause,
        calledInBy: command.cause === 'parties' ? command.calledInBy : [],
        ...(command.cause === 'not-low-risk' ? { violations: command.violations } : {}),
      },
    });
    const opened = await this.openDecision.execute({
      opening: filing.opening,
      owner: 'organization',
      openedBy: { eventId: decidedBy.id, type: decidedBy.type },
    });
    if (typeof opened === 'object') {
      const { decisionId, proposerId: castBy } = filing;
      const refusal = { event: decidedBy, decisionId, castBy, code: 'proposer-holds-a-seat', reason: opened.refused };
      await this.reject.execute(manager, refusal);
      return;
    }
    await this.applyParked.execute(manager, filing.decisionId);
  }
}
