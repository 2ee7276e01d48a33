import { Injectable } from '@nestjs/common';
import { type WorkflowHandle, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
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
  type WithdrawalRequest,
  withdrawUpdate,
} from '@sanshe/workflows';
import { ParkedUpdateRepository } from '../domain/parked-update.repository';
import { PendingDecisionRepository } from '../domain/pending-decision.repository';
import { TemporalClientHolder } from '../infrastructure/temporal-client-holder';
import { eventIdentity } from '../domain/event-identity';
import { RejectDecisionEventHandler } from './reject-decision-event';

export type DecisionUpdate =
  | { kind: 'vote'; request: VoteRequest }
  | { kind: 'amend'; request: AmendmentRequest }
  | { kind: 'arbitrate'; request: ArbitrationRequest }
  | { kind: 'withdraw'; request: WithdrawalRequest };

export interface ApplyDecisionUpdateCommand {
  decisionId: string;
  update: DecisionUpdate;
  /** The event that carries it: its identity (source, id) is the update id, and a refusal names it. */
  event: SansheEvent<EventType>;
  /** When the broker appended the event (ms since the epoch): a vote's or ruling's `castAt`. */
  brokerTime?: number;
}

export type ApplyDecisionUpdateResult = 'accepted' | 'rejected' | 'parked';

/**
 * Applies a vote, amendment, arbitration or withdrawal event to its decision as a Workflow Update. The update id
 * is the event's identity (source and id), so Temporal itself deduplicates a redelivered event, and two
 * producers' events with the same id stay apart. A vote or ruling carries the broker's append time as
 * `castAt`: it is judged by when it entered the platform, not by when it is applied.
 * A refusal (the workflow's validator said no, or the decision is closed) becomes `decision.vote-rejected`
 * with the reason, written to the outbox in the caller's inbox transaction (`manager`). An update for a
 * decision not opened yet is parked in that transaction, for the opening to apply (ApplyParkedUpdatesHandler)
 * or the sweeper to refuse. Every Temporal call has a deadline (TemporalClientHolder.bounded): past it,
 * the error is thrown as it is, and the inbox retries the event. An accepted vote leaves the approvers'
 * inbox of its party in the same transaction.
 */
@Injectable()
export class ApplyDecisionUpdateHandler {
  constructor(
    private readonly temporal: TemporalClientHolder,
    private readonly reject: RejectDecisionEventHandler,
    private readonly pendingDecisions: PendingDecisionRepository,
    private readonly parked: ParkedUpdateRepository,
  ) {}

  async execute(manager: EntityManager, command: ApplyDecisionUpdateCommand): Promise<ApplyDecisionUpdateResult> {
    const first = await this.attempt(manager, command);
    if (first !== 'not-found') return first;
    // Not opened yet, or closed. Held against an opening of this decision until our transaction ends,
    // look again: an opening either started it before (apply), or applies what we park after it.
    const { decisionId, update, event, brokerTime } = command;
    await this.parked.lockDecision(manager, decisionId);
    const status = await this.statusOf(decisionId);
    if (status === null) {
      const parked = { decisionId, kind: update.kind, request: update.request, event };
      await this.parked.park(manager, brokerTime === undefined ? parked : { ...parked, brokerTime });
      return 'parked';
    }
    const again = status === 'RUNNING' ? await this.attempt(manager, command) : 'not-found';
    if (again !== 'not-found') return again;
    const reason = `the decision is ${(status === 'RUNNING' ? 'closed' : status).toLowerCase()}: it takes no more votes`;
    await this.refuse(manager, command, 'decision-closed', reason);
    return 'rejected';
  }

  /** One try: accepted, refused by the workflow (and so rejected), or no running workflow of that id. */
  private async attempt(
    manager: EntityManager,
    command: ApplyDecisionUpdateCommand,
  ): Promise<'accepted' | 'rejected' | 'not-found'> {
    const { decisionId, update } = command;
    try {
      const round = await this.temporal.bounded((client) =>
        send(client.workflow.getHandle(decisionId), withCastAt(command), eventIdentity(command.event)),
      );
      if (update.kind === 'vote' && round !== undefined) {
        await this.pendingDecisions.voted(manager, decisionId, update.request.partyId, round);
      }
      await this.reject.accepted(manager, command.event, { decisionId });
      return 'accepted';
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return 'not-found';
      if (!(err instanceof WorkflowUpdateFailedError)) throw err; // deadline, Temporal unreachable: the inbox retries
      const refusal = refusalOf(err) ?? { code: 'refused', message: err.cause?.message ?? err.message };
      await this.refuse(manager, command, refusal.code, refusal.message);
      return 'rejected';
    }
  }

  /** The workflow's status (RUNNING, COMPLETED, …), or null when there is none of that id. */
  private async statusOf(decisionId: string): Promise<string | null> {
    try {
      const description = await this.temporal.bounded((client) => client.workflow.getHandle(decisionId).describe());
      return description.status.name;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return null;
      throw err; // anything else is no answer: the inbox retries
    }
  }

  private refuse(
    manager: EntityManager,
    { decisionId, update, event }: ApplyDecisionUpdateCommand,
    code: string,
    reason: string,
  ) {
    return this.reject.execute(manager, { event, decisionId, ...partyOf(update), code, reason });
  }
}

/** The update as sent: a vote or ruling with the broker's append time as `castAt`, when known. */
function withCastAt({ update, brokerTime: castAt }: ApplyDecisionUpdateCommand): DecisionUpdate {
  if (castAt === undefined) return update;
  if (update.kind === 'vote') return { kind: 'vote', request: { ...update.request, castAt } };
  if (update.kind === 'arbitrate') return { kind: 'arbitrate', request: { ...update.request, castAt } };
  return update; // an amendment or a withdrawal has no deadline of its own
}

/** Sends the Workflow Update; for a vote, the round it was recorded in. */
async function send(handle: WorkflowHandle, update: DecisionUpdate, updateId: string): Promise<number | undefined> {
  if (update.kind === 'vote')
    return (await handle.executeUpdate(voteUpdate, { updateId, args: [update.request] })).round;
  if (update.kind === 'amend') await handle.executeUpdate(amendUpdate, { updateId, args: [update.request] });
  else if (update.kind === 'withdraw') await handle.executeUpdate(withdrawUpdate, { updateId, args: [update.request] });
  else await handle.executeUpdate(arbitrateUpdate, { updateId, args: [update.request] });
  return undefined;
}

/** Whom an update speaks for: a vote's party, an arbitration's arbiter, an amendment's or withdrawal's proposer. */
export function partyOf(update: DecisionUpdate): { partyId?: string; castBy: string } {
  if (update.kind === 'vote') return { partyId: update.request.partyId, castBy: update.request.castBy };
  if (update.kind === 'arbitrate') return { partyId: update.request.arbiterId, castBy: update.request.castBy };
  return { castBy: update.request.castBy };
}
