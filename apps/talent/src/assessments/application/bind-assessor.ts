import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventType, SansheEvent } from '@sanshe/contracts';
import { OutboxWriter } from '@sanshe/messaging';
import { todayInShanghai } from '../../workers/application/worker-access';
import { voteKey } from '../domain/assessment-action';
import { ASSESSOR_SEAT, assessorVote, NO_ASSESSOR, VERIFICATION_KIND } from '../domain/assessment';
import { AssessmentRepository } from '../domain/assessment.repository';
import { type AssessorChoice, pickAssessor } from '../domain/assessor-eligibility';

type Governance<T extends string> = SansheEvent<Extract<EventType, `sanshe.governance.${T}.v1`>>;

/** Talent's own abstention is sent by the service, not by a person. */
export const TALENT_ITSELF = 'sanshe/talent';

const ORGANIZATION_PARTY = /^organization:(.+)$/;

/**
 * Binds the independent assessor of a milestone verification when governance opens it, in the inbox's
 * transaction: the fairest eligible worker (pickAssessor), or nobody — then talent abstains for the seat
 * with the reason, so its silence is explained and never counts as anything else. Once per decision: a
 * redelivered opening finds the binding and does nothing. Later rounds and the outcome are kept so the
 * worker votes in the open round and not after the decision.
 */
@Injectable()
export class BindAssessor {
  constructor(
    private readonly assessments: AssessmentRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async opened(event: Governance<'decision.opened'>, manager: EntityManager): Promise<void> {
    const { decisionId, kind, subjectId, proposerId, round, pending } = event.data;
    const seat = pending.find((vote) => vote.partyId === ASSESSOR_SEAT);
    if (kind !== VERIFICATION_KIND || !seat) return; // no independent assessor to bind here
    if (await this.assessments.find(decisionId, manager)) return; // a redelivery: bound once
    await this.assessments.lockBindings(manager);
    const organizationId = ORGANIZATION_PARTY.exec(proposerId)?.[1];
    const choice: AssessorChoice = organizationId
      ? pickAssessor(await this.assessments.candidates(manager, organizationId), organizationId, todayInShanghai())
      : { workerId: null, reason: `the proposer ${proposerId} is not an organization, so no tie can be ruled out` };
    const binding = {
      decisionId,
      subjectId,
      organizationId: organizationId ?? proposerId,
      workerId: choice.workerId,
      status: choice.workerId === null ? ('unbound' as const) : ('bound' as const),
      reason: choice.reason,
      round,
      deadline: seat.deadline,
    };
    if (!(await this.assessments.insertBinding(manager, binding))) return;
    if (choice.workerId === null) await this.abstain(manager, decisionId, round, choice.reason);
  }

  async roundOpened(event: Governance<'decision.round-opened'>, manager: EntityManager): Promise<void> {
    const { decisionId, round, pending } = event.data;
    const binding = await this.assessments.find(decisionId, manager);
    if (!binding || binding.closed || round <= binding.round) return;
    const deadline = pending.find((vote) => vote.partyId === ASSESSOR_SEAT)?.deadline ?? null;
    await this.assessments.openRound(manager, decisionId, round, deadline);
    if (binding.status === 'unbound') await this.abstain(manager, decisionId, round, binding.reason);
  }

  async decided(event: Governance<'decision.decided'>, manager: EntityManager): Promise<void> {
    const binding = await this.assessments.find(event.data.decisionId, manager);
    if (binding && !binding.closed) await this.assessments.close(manager, binding.decisionId, event.data.result);
  }

  private async abstain(manager: EntityManager, decisionId: string, round: number, text: string): Promise<void> {
    const vote = assessorVote(decisionId, { choice: 'abstain', round, reason: { code: NO_ASSESSOR, text } });
    const action = {
      decisionId,
      actionKey: voteKey(round),
      eventId: vote.id as string,
      eventType: vote.type,
      data: vote.data,
      workerId: null,
      castBySub: TALENT_ITSELF,
    };
    if (await this.assessments.insertAction(manager, action)) await this.outbox.publish(manager, vote);
  }
}
