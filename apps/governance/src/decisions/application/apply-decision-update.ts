import { Injectable } from '@nestjs/common';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { EntityManager } from 'typeorm';
import type { EventType, SansheEvent } from '@sanshe/contracts';
import {
  amendUpdate,
  arbitrateUpdate,
  type AmendmentRequest,
  type ArbitrationRequest,
  refusalOf,
  voteUpdate,
  type VoteRequest,
} from '@sanshe/workflows';
import { PendingDecisionRepository } from '../domain/pending-decision.repository';
import { TemporalClientHolder } from '../infrastructure/temporal-client-holder';
import { eventIdentity, RejectDecisionEventHandler } from './reject-decision-event';

export type DecisionUpdate =
  | { kind: 'vote'; request: VoteRequest }
  | { kind: 'amend'; request: AmendmentRequest }
  | { kind: 'arbitrate'; request: ArbitrationRequest };

export interface ApplyDecisionUpdateCommand {
  decisionId: string;
  update: DecisionUpdate;
  /** The event that carries it: its identity (source, id) is the update id, and a refusal names it. */
  event: SansheEvent<EventType>;
}

/**
 * Applies a vote, amendment or arbitration event to its decision as a Workflow Update. The update id
 * is the event's identity (source and id), so Temporal itself deduplicates a redelivered event, and two
 * producers' events with the same id stay apart. A refusal (the workflow's validator said no, or there
 * is no such open decision) becomes `decision.vote-rejected` with the reason, written to the outbox in
 * the caller's inbox transaction (`manager`); nothing else changes. An accepted vote leaves the
 * approvers' inbox of its party in the same transaction.
 */
@Injectable()
export class ApplyDecisionUpdateHandler {
  constructor(
    private readonly temporal: TemporalClientHolder,
    private readonly reject: RejectDecisionEventHandler,
    private readonly pendingDecisions: PendingDecisionRepository,
  ) {}

  async execute(
    manager: EntityManager,
    { decisionId, update, event }: ApplyDecisionUpdateCommand,
  ): Promise<'accepted' | 'rejected'> {
    const client = await this.temporal.get();
    const handle = client.workflow.getHandle(decisionId);
    try {
      const options = { updateId: eventIdentity(event) };
      if (update.kind === 'vote') {
        const receipt = await handle.executeUpdate(voteUpdate, { ...options, args: [update.request] });
        await this.pendingDecisions.voted(manager, decisionId, update.request.partyId, receipt.round);
      }
      if (update.kind === 'amend') await handle.executeUpdate(amendUpdate, { ...options, args: [update.request] });
      if (update.kind === 'arbitrate') {
        await handle.executeUpdate(arbitrateUpdate, { ...options, args: [update.request] });
      }
      return 'accepted';
    } catch (err) {
      const refusal = await this.rejectionOf(err, handle);
      if (!refusal) throw err; // Temporal unreachable and the like: the inbox retries
      await this.reject.execute(manager, {
        event,
        decisionId,
        ...partyOf(update),
        code: refusal.code,
        reason: refusal.message,
      });
      return 'rejected';
    }
  }

  private async rejectionOf(
    err: unknown,
    handle: { describe(): Promise<{ status: { name: string } }> },
  ): Promise<{ code: string; message: string } | null> {
    if (err instanceof WorkflowUpdateFailedError) {
      return refusalOf(err) ?? { code: 'refused', message: err.cause?.message ?? err.message };
    }
    if (err instanceof WorkflowNotFoundError) {
      // Not found, or found but no longer running (an update cannot reach a closed workflow).
      const status = await handle.describe().then(
        (d) => d.status.name,
        () => null,
      );
      return status === null
        ? { code: 'unknown-decision', message: 'no decision with this id has been opened' }
        : { code: 'decision-closed', message: `the decision is ${status.toLowerCase()}: it takes no more votes` };
    }
    return null;
  }
}

/** Whom an update speaks for: a vote's party, an arbitration's arbiter, an amendment's proposer. */
export function partyOf(update: DecisionUpdate): { partyId?: string; castBy: string } {
  if (update.kind === 'vote') return { partyId: update.request.partyId, castBy: update.request.castBy };
  if (update.kind === 'arbitrate') return { partyId: update.request.arbiterId, castBy: update.request.castBy };
  return { castBy: update.request.castBy };
}
