import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxWriter } from '@sanshe/messaging';
import { AssignmentRepository } from '../../assignments/domain/assignment.repository';
import { HoursRepository } from '../../hours/domain/hours.repository';
import { hoursDisputeVotesDue } from '../domain/hours-dispute-rule';
import type { TrackedDecision } from '../domain/talent-vote';
import { VotesRepository } from '../domain/votes.repository';

/**
 * The talent party's vote on a hours-dispute decision, in the inbox's transaction: the hours record the
 * decision is about (its subjectId) and the worker's assignments to that activity, judged by
 * HOURS_DISPUTE_RULES, one vote per talent seat and round with its decision.vote-cast in the same commit.
 */
@Injectable()
export class TrackHoursDisputeVotes {
  constructor(
    private readonly votes: VotesRepository,
    private readonly hours: HoursRepository,
    private readonly assignments: AssignmentRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  /** `decision` is locked by the caller (VotesRepository.lock). */
  async castDue(manager: EntityManager, decision: TrackedDecision): Promise<void> {
    const hoursId = decision.proposalId;
    const hours = await this.hours.find(hoursId);
    const assignments = hours ? await this.assignments.listOf(hours.activityId, manager) : [];
    const due = hoursDisputeVotesDue(
      decision,
      await this.votes.seats(manager, decision.decisionId, decision.round),
      await this.votes.castSeats(manager, decision.decisionId),
      { hoursId, hours, assignments },
    );
    for (const { vote, event } of due) {
      if (await this.votes.insertVote(manager, vote)) await this.outbox.publish(manager, event);
    }
  }
}
