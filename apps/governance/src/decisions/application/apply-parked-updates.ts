import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ParkedUpdateRepository } from '../domain/parked-update.repository';
import { ApplyDecisionUpdateHandler, type DecisionUpdate } from './apply-decision-update';

/**
 * A decision was opened (or its opening found it existing): applies the votes, amendments and rulings
 * that arrived before it, in arrival order, in the opening's inbox transaction (`manager`), and removes
 * them. Each goes through ApplyDecisionUpdateHandler with its event's identity as update id, so one
 * applied before a failure of this transaction is not applied twice when the opening is retried.
 */
@Injectable()
export class ApplyParkedUpdatesHandler {
  constructor(
    private readonly parked: ParkedUpdateRepository,
    private readonly applyUpdate: ApplyDecisionUpdateHandler,
  ) {}

  /** Returns how many parked updates it applied (or refused). */
  async execute(manager: EntityManager, decisionId: string): Promise<number> {
    await this.parked.lockDecision(manager, decisionId);
    const updates = await this.parked.takeFor(manager, decisionId);
    for (const { kind, request, event, brokerTime } of updates) {
      const update = { kind, request } as DecisionUpdate;
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
