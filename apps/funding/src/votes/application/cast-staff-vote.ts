import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ObjectionReason, VoteChoice } from '@sanshe/contracts';
import { OutboxWriter } from '@sanshe/messaging';
import { seatVote, staffVoteRefusal } from '../domain/funder-seat';
import { DecisionNotTracked, StaffVoteRefused } from '../domain/vote-errors';
import { VotesRepository, type VoteView } from '../domain/votes.repository';

export interface CastStaffVoteCommand {
  decisionId: string;
  partyId: string;
  choice: VoteChoice;
  reason?: ObjectionReason;
  /** The staff member's token subject (the event's castBy is the party: funding speaks for it). */
  castBy: string;
}

/**
 * A funder's staff vote for its seat, in the current round: refused when the decision is closed, the
 * party is not seated in this round, or it already voted (by the rules or by staff); else the vote and its
 * funding.decision.vote-cast in one commit.
 */
@Injectable()
export class CastStaffVoteHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly votes: VotesRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(command: CastStaffVoteCommand): Promise<VoteView> {
    const { decisionId, partyId, choice, reason, castBy } = command;
    await this.dataSource.transaction(async (manager) => {
      const decision = await this.votes.lock(manager, decisionId);
      if (!decision) throw new DecisionNotTracked(decisionId);
      const refusal = staffVoteRefusal(decision, partyId, await this.votes.cast(manager, decisionId));
      if (refusal) throw new StaffVoteRefused(decisionId, partyId, refusal);
      const seat = { decisionId, partyId, round: decision.round };
      const { vote, event } = seatVote(seat, { choice, reason: reason ?? null }, { mode: 'staff', castBy });
      if (!(await this.votes.insertVote(manager, vote))) {
        throw new StaffVoteRefused(decisionId, partyId, { code: 'already-voted', round: decision.round, choice });
      }
      await this.outbox.publish(manager, event);
    });
    const cast = await this.votes.votesOf(decisionId);
    return cast.filter((vote) => vote.partyId === partyId).at(-1) as VoteView;
  }
}
