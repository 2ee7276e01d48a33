import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type DecisionCallInType, FILING_RULE, type SansheEvent } from '@sanshe/contracts';
import { RejectDecisionEventHandler } from '../../decisions/application/reject-decision-event';
import { ControllerMap } from '../../parties/domain/controller-map';
import { calledIn, checkCallIn } from '../domain/call-in';
import type { Filing, FilingCallIn } from '../domain/filing';
import { FilingRepository } from '../domain/filing.repository';
import { CallFilingInHandler } from './call-filing-in';

export interface RequestCallInCommand {
  /** A `sanshe.<context>.filing.call-in-requested.v1` that passed the channel check. */
  event: SansheEvent<DecisionCallInType>;
  /** When the broker appended it (ms since the epoch): the call-in's time against the window. */
  brokerTime?: number;
}

/**
 * A party asks for a filed activity to be decided. Before its filing arrives it waits (judged by the
 * notice); then it is checked (call-in.ts): refused → `decision.vote-rejected` naming the would-be
 * decision; accepted → recorded, and once the accepted call-ins span the rule's controllers, the filing
 * is called in (CallFilingInHandler). Holds the filing's lock for the caller's inbox transaction.
 */
@Injectable()
export class RequestCallInHandler {
  constructor(
    private readonly filings: FilingRepository,
    private readonly controllers: ControllerMap,
    private readonly reject: RejectDecisionEventHandler,
    private readonly callIn: CallFilingInHandler,
  ) {}

  async execute(manager: EntityManager, { event, brokerTime }: RequestCallInCommand): Promise<void> {
    const { proposalId, partyId, castBy, reason } = event.data;
    await this.filings.lock(manager, proposalId);
    const controller = (await this.controllers.resolver())(partyId);
    const row: FilingCallIn = {
      proposalId,
      partyId,
      controller,
      castBy,
      reason,
      event: event as unknown as FilingCallIn['event'],
      castAt: new Date(brokerTime ?? Date.now()),
      status: 'waiting',
      refusal: null,
    };
    const filing = await this.filings.find(proposalId, manager);
    if (!filing) {
      await this.filings.saveCallIn(manager, row);
      return;
    }
    await this.judge(manager, filing, row);
  }

  /** Judges the call-ins that waited for `filing`, in arrival order (the notice calls this, holding the lock). */
  async judgeWaiting(manager: EntityManager, filing: Filing): Promise<void> {
    for (const row of await this.filings.callIns(filing.proposalId, manager)) {
      if (row.status !== 'waiting') continue;
      const current = await this.filings.find(filing.proposalId, manager);
      if (current) await this.judge(manager, current, row);
    }
  }

  private async judge(manager: EntityManager, filing: Filing, row: FilingCallIn): Promise<void> {
    const accepted = (await this.filings.callIns(filing.proposalId, manager)).filter((c) => c.status === 'accepted');
    const acceptedPartyIds = accepted.map((c) => c.partyId);
    const answered = { decisionId: filing.decisionId, proposalId: filing.proposalId };
    const verdict = checkCallIn(
      { ...filing, callInUntil: filing.callInUntil.getTime(), acceptedPartyIds },
      { partyId: row.partyId, castBy: row.castBy, castAt: row.castAt.getTime() },
    );
    // The party called in already (another event of it): this one stands answered as the first did.
    if (verdict === 'duplicate') return this.reject.accepted(manager, row.event as unknown as SansheEvent, answered);
    if (verdict) {
      await this.filings.saveCallIn(manager, { ...row, status: 'refused', refusal: verdict });
      await this.reject.execute(manager, {
        event: row.event as unknown as SansheEvent,
        decisionId: filing.decisionId,
        partyId: row.partyId,
        castBy: row.castBy,
        ...verdict,
      });
      return;
    }
    await this.filings.saveCallIn(manager, { ...row, status: 'accepted', refusal: null });
    await this.reject.accepted(manager, row.event as unknown as SansheEvent, answered);
    const all = [...accepted, row];
    const controllerOf = await this.controllers.resolver();
    if (
      filing.status !== 'noticed' ||
      !calledIn(
        all.map((c) => c.partyId),
        controllerOf,
        FILING_RULE,
      )
    )
      return;
    await this.callIn.execute(manager, {
      filing,
      decidedBy: row.event as unknown as SansheEvent,
      cause: 'parties',
      calledInBy: all.map(({ partyId, reason }) => ({ partyId, reason })),
    });
  }
}
