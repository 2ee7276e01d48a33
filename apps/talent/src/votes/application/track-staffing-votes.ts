import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventType, SansheEvent } from '@sanshe/contracts';
import { OutboxWriter } from '@sanshe/messaging';
import { HOURS_DISPUTE_KIND } from '../domain/hours-dispute-rule';
import { isTalentParty, JUDGED_KIND, type StaffingContent, votesDue } from '../domain/talent-vote';
import { type SeatOfRound, VotesRepository } from '../domain/votes.repository';
import { TrackHoursDisputeVotes } from './track-hours-dispute-votes';

type Governance<T extends string> = SansheEvent<Extract<EventType, `sanshe.governance.${T}.v1`>>;
type Organization<T extends string> = SansheEvent<Extract<EventType, `sanshe.organization.${T}.v1`>>;

/** The kinds talent votes on: activity proposals (staffing rules) and hours disputes (HOURS_DISPUTE_RULES). */
const JUDGED_KINDS: readonly string[] = [JUDGED_KIND, HOURS_DISPUTE_KIND];

/** Talent's own source: only refusals of what talent sent are its votes. */
export const TALENT_SOURCE = 'sanshe/talent';

const talentSeats = (pending: readonly { partyId: string; deadline: string }[], round: number): SeatOfRound[] =>
  pending.filter((seat) => isTalentParty(seat.partyId)).map(({ partyId, deadline }) => ({ partyId, round, deadline }));

/** The proposal an activity-proposal decision is about (`decision/activity-proposal/<proposalId>`). */
const proposalOf = (decisionId: string) => decisionId.slice(decisionId.lastIndexOf('/') + 1);

/** The fields the staffing rules read, only those the event carries (an amendment: only what changed). */
function staffingContent(data: Partial<Record<'category' | 'expectedParticipants' | 'staffingPlan', unknown>>) {
  const content: StaffingContent = {};
  if ('category' in data) content.category = (data.category ?? null) as StaffingContent['category'];
  if ('expectedParticipants' in data) content.expectedParticipants = (data.expectedParticipants ?? null) as number;
  if ('staffingPlan' in data) content.staffingPlan = (data.staffingPlan ?? []) as StaffingContent['staffingPlan'];
  return content;
}

/**
 * The talent party's automatic vote, in the inbox's transaction (`manager`): keeps the proposals'
 * revisions and the decisions seating a talent party, and after each of their events casts the votes
 * now due (votesDue), each once per party and round with its decision.vote-cast in the same commit.
 * Governance's and the organization's events may come in any order: a vote waits for what it judges.
 */
@Injectable()
export class TrackStaffingVotes {
  constructor(
    private readonly votes: VotesRepository,
    private readonly outbox: OutboxWriter,
    private readonly hoursDisputes: TrackHoursDisputeVotes,
  ) {}

  /** Revision 1: submitted, or filed (a called-in filing is decided on the plan it was filed with). */
  async submitted(event: Organization<'proposal.submitted' | 'proposal.filed'>, manager: EntityManager): Promise<void> {
    const { proposalId, organizationId, communityCode } = event.data;
    await this.votes.lockProposal(manager, proposalId);
    const content = staffingContent(event.data);
    const revision = { proposalId, revisionNo: 1, revisionText: null, content };
    await this.votes.saveRevision(manager, { ...revision, organizationId, communityCode });
    await this.castDueForProposal(manager, proposalId);
  }

  async amended(event: Organization<'proposal.amended'>, manager: EntityManager): Promise<void> {
    const { proposalId, organizationId, communityCode, revision } = event.data;
    await this.votes.lockProposal(manager, proposalId);
    const revisionNo = event.data.revisionNo ?? (await this.votes.lastRevisionNo(manager, proposalId)) + 1;
    const content = staffingContent(event.data);
    const stored = { proposalId, revisionNo, revisionText: revision, content, organizationId, communityCode };
    await this.votes.saveRevision(manager, stored);
    await this.castDueForProposal(manager, proposalId);
  }

  async opened(event: Governance<'decision.opened'>, manager: EntityManager): Promise<void> {
    const { decisionId, kind, subjectId, round, pending } = event.data;
    const seats = talentSeats(pending, round);
    if (!JUDGED_KINDS.includes(kind) || seats.length === 0) return; // nothing for the talent party here
    await this.votes.lockProposal(manager, subjectId);
    const decision = { decisionId, kind, proposalId: subjectId, round, closed: false, roundTexts: {} };
    await this.votes.open(manager, decision, seats);
    await this.castDue(manager, decisionId);
  }

  async roundOpened(event: Governance<'decision.round-opened'>, manager: EntityManager): Promise<void> {
    const { decisionId, round, revision, pending } = event.data;
    await this.votes.lockProposal(manager, proposalOf(decisionId));
    const decision = await this.votes.lock(manager, decisionId);
    if (!decision || decision.closed || round <= decision.round) return; // unknown, or stale
    await this.votes.openRound(manager, decisionId, { round, text: revision }, talentSeats(pending, round));
    await this.castDue(manager, decisionId);
  }

  async decided(event: Governance<'decision.decided'>, manager: EntityManager): Promise<void> {
    const decision = await this.votes.lock(manager, event.data.decisionId);
    if (decision && !decision.closed) await this.votes.close(manager, decision.decisionId, event.data.result);
  }

  /** Governance refused an event: if it was one of talent's votes, the vote shows why. */
  async voteRejected(event: Governance<'decision.vote-rejected'>, manager: EntityManager): Promise<void> {
    const { rejectedEventSource, rejectedEventId, code, reason } = event.data;
    if (rejectedEventSource !== TALENT_SOURCE) return;
    await this.votes.rejectVote(manager, rejectedEventId, { code, reason });
  }

  private async castDueForProposal(manager: EntityManager, proposalId: string): Promise<void> {
    for (const decisionId of await this.votes.decisionsOfProposal(manager, proposalId)) {
      await this.castDue(manager, decisionId);
    }
  }

  private async castDue(manager: EntityManager, decisionId: string): Promise<void> {
    const decision = await this.votes.lock(manager, decisionId);
    if (!decision) return;
    if (decision.kind === HOURS_DISPUTE_KIND) return this.hoursDisputes.castDue(manager, decision);
    const due = votesDue(
      decision,
      await this.votes.seats(manager, decisionId, decision.round),
      await this.votes.revisions(manager, decision.proposalId),
      await this.votes.castSeats(manager, decisionId),
    );
    for (const { vote, event } of due) {
      if (await this.votes.insertVote(manager, vote)) await this.outbox.publish(manager, event);
    }
  }
}
