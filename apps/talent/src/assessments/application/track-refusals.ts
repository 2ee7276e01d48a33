import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventType, SansheEvent } from '@sanshe/contracts';
import { AssessmentRepository } from '../domain/assessment.repository';
import { TALENT_ITSELF } from './bind-assessor';

type Governance<T extends string> = SansheEvent<Extract<EventType, `sanshe.governance.${T}.v1`>>;

/**
 * Governance's refusals of what talent sent for the assessor's seat, kept beside it (in the inbox's
 * transaction): a vote (decision.vote-rejected naming talent as the source), an objection or a clawback
 * proposal (disbursement.request-refused naming a talent request type). Anything else is not talent's.
 */
@Injectable()
export class TrackAssessorRefusals {
  constructor(private readonly assessments: AssessmentRepository) {}

  async voteRejected(event: Governance<'decision.vote-rejected'>, manager: EntityManager): Promise<void> {
    const { rejectedEventSource, rejectedEventId, code, reason } = event.data;
    if (rejectedEventSource !== TALENT_ITSELF) return;
    await this.assessments.rejectAction(manager, rejectedEventId, { code, reason });
  }

  async requestRefused(event: Governance<'disbursement.request-refused'>, manager: EntityManager): Promise<void> {
    const { requestType, requestEventId, code, reason } = event.data;
    if (!requestType.startsWith('sanshe.talent.')) return;
    await this.assessments.rejectAction(manager, requestEventId, { code, reason });
  }
}
