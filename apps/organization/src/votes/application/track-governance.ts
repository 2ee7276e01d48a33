import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventType, SansheEvent } from '@sanshe/contracts';
import { DecisionRepository } from '../domain/decision.repository';
import { FilingRepository } from '../domain/filing.repository';
import { decisionSeqOf, isOrganizationParty, nextStage, organizationSeats } from '../domain/org-decision';
import { filingAfterNotice, filingAfterWithdrawal } from '../domain/org-filing';

type Governance<T extends string> = SansheEvent<Extract<EventType, `sanshe.governance.${T}.v1`>>;

/** The organization's own event source: only refusals of what this service sent are its votes and call-ins. */
export const ORGANIZATION_SOURCE = 'sanshe/organization';

/**
 * Keeps the organization's view of governance's decisions and filings, from governance's events, in the
 * inbox's transaction (`manager`). Only those that seat an organization party or that an organization
 * proposed are kept; every change is idempotent and ordered by the event's position in the decision's
 * trail, so a redelivered, republished or late event has no second effect.
 */
@Injectable()
export class TrackGovernance {
  constructor(
    private readonly decisions: DecisionRepository,
    private readonly filings: FilingRepository,
  ) {}

  async opened(event: Governance<'decision.opened'>, manager: EntityManager): Promise<void> {
    const { decisionId, kind, subjectId, communityCode, title, proposerId, round, pending } = event.data;
    const seats = organizationSeats(pending, round);
    if (seats.length === 0 && !isOrganizationParty(proposerId)) return; // nothing for an organization here
    const lastSeq = decisionSeqOf(event.id);
    const decision = { decisionId, kind, subjectId, communityCode, title, proposerId, round, lastSeq };
    await this.decisions.open(manager, { ...decision, stage: 'voting', result: null }, seats);
  }

  async roundOpened(event: Governance<'decision.round-opened'>, manager: EntityManager): Promise<void> {
    const { decisionId, round, pending } = event.data;
    const decision = await this.decisions.lock(manager, decisionId);
    const seq = decisionSeqOf(event.id);
    const stage = decision && nextStage(decision, 'round-opened', seq);
    if (!decision || !stage || round <= decision.round) return;
    await this.decisions.update(manager, decisionId, { stage, round, lastSeq: seq });
    await this.decisions.replaceSeats(manager, decisionId, organizationSeats(pending, round));
  }

  async moved(
    event: Governance<'decision.deliberation-opened' | 'decision.escalated'>,
    move: 'deliberation-opened' | 'escalated',
    manager: EntityManager,
  ): Promise<void> {
    const decision = await this.decisions.lock(manager, event.data.decisionId);
    const seq = decisionSeqOf(event.id);
    const stage = decision && nextStage(decision, move, seq);
    if (!decision || !stage) return;
    await this.decisions.update(manager, decision.decisionId, { stage, lastSeq: seq });
  }

  async decided(event: Governance<'decision.decided'>, manager: EntityManager): Promise<void> {
    const { decisionId, result, auditLength } = event.data;
    const decision = await this.decisions.lock(manager, decisionId);
    if (!decision || !nextStage(decision, 'decided', auditLength)) return;
    await this.decisions.update(manager, decisionId, { stage: 'closed', result, lastSeq: auditLength });
  }

  /** Governance refused an event: if it was one of the organization's votes or call-ins, it shows why. */
  async voteRejected(event: Governance<'decision.vote-rejected'>, manager: EntityManager): Promise<void> {
    const { rejectedEventSource, rejectedEventId, code, reason } = event.data;
    if (rejectedEventSource !== ORGANIZATION_SOURCE) return;
    // The proposals feature matches amendments and withdrawals by the same id: each updates only its own.
    if (await this.decisions.rejectVote(manager, rejectedEventId, { code, reason })) return;
    await this.filings.rejectCallIn(manager, rejectedEventId, { code, reason });
  }

  async filingNoticed(event: Governance<'filing.noticed'>, manager: EntityManager): Promise<void> {
    const { decisionId, proposalId, communityCode, proposerId, callInUntil, eligiblePartyIds } = event.data;
    const eligible = eligiblePartyIds.filter(isOrganizationParty);
    if (eligible.length === 0 && !isOrganizationParty(proposerId)) return;
    const known = await this.filings.lockByDecision(manager, decisionId);
    const next = filingAfterNotice(known, {
      ...{ decisionId, proposalId, communityCode, proposerId, callInUntil },
      eligiblePartyIds: eligible,
      status: 'noticed',
    });
    if (next) await this.filings.save(manager, next);
  }

  /** Withdrawn by its proposer: closed, so no call-in is taken any more (in any order with its notice). */
  async filingWithdrawn(event: Governance<'filing.withdrawn'>, manager: EntityManager): Promise<void> {
    const { decisionId, proposalId, communityCode, organizationId, withdrawnAt } = event.data;
    const known = await this.filings.lockByDecision(manager, decisionId);
    const withdrawal = { decisionId, proposalId, communityCode, withdrawnAt };
    const next = filingAfterWithdrawal(known, { ...withdrawal, proposerId: `organization:${organizationId}` });
    if (next) await this.filings.save(manager, next);
  }

  async filingCalledIn(event: Governance<'filing.called-in'>, manager: EntityManager): Promise<void> {
    await this.filings.setStatus(manager, event.data.decisionId, 'called-in');
  }
}
