import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventType, SansheEvent } from '@sanshe/contracts';
import { OutboxWriter } from '@sanshe/messaging';
import { ApplicationsRepository } from '../../applications/domain/applications.repository';
import { isFunderParty, type Seat, seatsToVote, seatVote } from '../domain/funder-seat';
import { FUNDING_VOTE_RULES, judgeSeat } from '../domain/funding-vote-rules';
import { VotesRepository } from '../domain/votes.repository';
import { SeatFacts } from './seat-facts';

type Governance<T extends string> = SansheEvent<Extract<EventType, `sanshe.governance.${T}.v1`>>;

/** Funding's own source: only refusals of what funding sent are its votes. */
export const FUNDING_SOURCE = 'sanshe/funding';

const funderSeats = (pending: readonly { partyId: string; deadline: string }[]): Seat[] =>
  pending.filter((seat) => isFunderParty(seat.partyId)).map(({ partyId, deadline }) => ({ partyId, deadline }));

/**
 * The funder's seat, in the inbox's transaction: keeps the decisions seating a `funder:*` party as
 * governance announces them, and after each event casts the votes FUNDING_VOTE_RULES can cast now (the
 * program votes by rules and the facts are known), once per party and round with its
 * funding.decision.vote-cast in the same commit. Staff-mode seats wait for POST /decisions/{id}/votes.
 */
@Injectable()
export class TrackFunderSeat {
  constructor(
    private readonly votes: VotesRepository,
    private readonly facts: SeatFacts,
    private readonly outbox: OutboxWriter,
    private readonly proposals: ApplicationsRepository,
  ) {}

  async opened(event: Governance<'decision.opened'>, manager: EntityManager): Promise<void> {
    const { decisionId, kind, subjectId, communityCode, title, round, pending } = event.data;
    const seats = funderSeats(pending);
    if (seats.length === 0) return; // no seat funding speaks for
    // The proposal's lock (held by proposal.submitted's transaction too): an opening and the proposal it
    // waits for, committed at once in two transactions, never both miss each other.
    if (kind === 'activity-proposal') await this.proposals.lockProposal(manager, subjectId);
    const decision = { decisionId, kind, subjectId, communityCode, title, round, seats, status: 'open' as const };
    await this.votes.open(manager, { ...decision, result: null });
    await this.castDue(manager, decisionId);
  }

  async roundOpened(event: Governance<'decision.round-opened'>, manager: EntityManager): Promise<void> {
    const { decisionId, round, pending } = event.data;
    const decision = await this.votes.lock(manager, decisionId);
    if (!decision || decision.status !== 'open' || round <= decision.round) return; // unknown, or stale
    await this.votes.openRound(manager, decisionId, round, funderSeats(pending));
    await this.castDue(manager, decisionId);
  }

  async decided(event: Governance<'decision.decided'>, manager: EntityManager): Promise<void> {
    const decision = await this.votes.lock(manager, event.data.decisionId);
    if (decision && decision.status === 'open') await this.votes.close(manager, decision.decisionId, event.data.result);
  }

  /** Governance refused an event: if it was one of funding's votes, the vote shows why. */
  async voteRejected(event: Governance<'decision.vote-rejected'>, manager: EntityManager): Promise<void> {
    const { rejectedEventSource, rejectedEventId, code, reason } = event.data;
    if (rejectedEventSource !== FUNDING_SOURCE) return;
    await this.votes.rejectVote(manager, rejectedEventId, { code, reason });
  }

  /** A subject's facts arrived (the proposal was submitted): its open decisions may vote now. */
  async subjectChanged(subjectId: string, manager: EntityManager): Promise<void> {
    for (const decisionId of await this.votes.openOfSubject(manager, subjectId)) {
      await this.castDue(manager, decisionId);
    }
  }

  private async castDue(manager: EntityManager, decisionId: string): Promise<void> {
    const decision = await this.votes.lock(manager, decisionId);
    if (!decision) return;
    const seats = seatsToVote(decision, await this.votes.cast(manager, decisionId));
    if (seats.length === 0) return;
    const judgement = judgeSeat(await this.facts.of(manager, decision));
    if (judgement.mode !== 'rules') return; // waiting for the proposal, or the funder's staff vote
    for (const { partyId } of seats) {
      const seat = { decisionId, partyId, round: decision.round };
      const by = { mode: 'rules' as const, rulesVersion: FUNDING_VOTE_RULES.version };
      const { vote, event } = seatVote(seat, judgement.verdict, by);
      if (await this.votes.insertVote(manager, vote)) await this.outbox.publish(manager, event);
    }
  }
}
