import { Injectable, Optional } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ParkedUpdateRepository } from '../domain/parked-update.repository';
import { ApplyDecisionUpdateHandler, type DecisionUpdate, partyOf } from './apply-decision-update';
import { BridgeEventRegistry } from './bridge-event-registry';
import { RejectDecisionEventHandler } from './reject-decision-event';

/**
 * A decision was opened (or its opening found it existing): applies the votes, amendments and rulings
 * that arrived before it, in arrival order, in the opening's inbox transaction (`manager`), and removes
 * them. Each goes through ApplyDecisionUpdateHandler with its event's identity as update id, so one
 * applied before a failure of this transaction is not applied twice when the opening is retried. A check the
 * bridge could not make while the decision was unknown (a portal's jurisdiction: its area) is made here first;
 * refused, the update is answered as any refusal and not applied.
 */
@Injectable()
export class ApplyParkedUpdatesHandler {
  constructor(
    private readonly parked: ParkedUpdateRepository,
    private readonly applyUpdate: ApplyDecisionUpdateHandler,
    @Optional() private readonly registry?: BridgeEventRegistry,
    @Optional() private readonly reject?: RejectDecisionEventHandler,
  ) {}

  /** Returns how many parked updates it applied (or refused). */
  async execute(manager: EntityManager, decisionId: string): Promise<number> {
    await this.parked.lockDecision(manager, decisionId);
    const updates = await this.parked.takeFor(manager, decisionId);
    for (const { kind, request, event, brokerTime } of updates) {
      const update = { kind, request } as DecisionUpdate;
      const refusal = await this.registry?.parkedRefusal(manager, event);
      if (refusal && this.reject) {
        await this.reject.execute(manager, { event, decisionId, ...partyOf(update), ...refusal });
        continue;
      }
      await this.applyUpdate.execute(manager, {
        decisionId,
        update,
        event,
        ...(brokerTime === undefined ? {} : { brokerTime }),
      });
    }
    return updates.length;
  }
}
