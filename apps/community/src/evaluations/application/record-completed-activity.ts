import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventData } from '@sanshe/contracts';
import { COMMUNITY_CONFIG } from '../../config/community-config.tokens';
import type { CommunityConfig } from '../../config/community-config';
import { NeedDirectory } from '../../needs/domain/need-directory';
import { windowClosesAt } from '../domain/evaluated-activity';
import { EvaluationRepository } from '../domain/evaluation.repository';
import { DEFAULT_WEIGHTS } from '../domain/evaluation-weights';

export type ActivityCompleted = EventData<'sanshe.organization.activity.completed.v1'>;

/**
 * An organization completed an activity: it becomes evaluable until its window closes, under the
 * community's weights of this moment (else the default) and the need's expected size, both pinned so
 * later changes never rescore it. A second completion of the same activity has no effect.
 */
@Injectable()
export class RecordCompletedActivityHandler {
  constructor(
    private readonly evaluations: EvaluationRepository,
    private readonly needs: NeedDirectory,
    @Inject(COMMUNITY_CONFIG) private readonly config: Pick<CommunityConfig, 'COMMUNITY_EVALUATION_WINDOW_HOURS'>,
  ) {}

  /** Returns false for an activity already known. */
  async execute(manager: EntityManager, completed: ActivityCompleted): Promise<boolean> {
    const weights = (await this.evaluations.weightsOf(manager, completed.communityCode)) ?? { ...DEFAULT_WEIGHTS };
    const need = completed.needId ? await this.needs.find(completed.needId) : null;
    const completedAt = new Date(completed.completedAt);
    return this.evaluations.addActivity(manager, {
      activityId: completed.activityId,
      proposalId: completed.proposalId,
      organizationId: completed.organizationId,
      communityCode: completed.communityCode,
      needId: completed.needId ?? null,
      // A need of another community does not size this activity.
      expectedSize: need && need.communityCode === completed.communityCode ? need.expectedSize : null,
      attendance: completed.attendance,
      participantIds: completed.participantIds ? [...completed.participantIds] : null,
      completedAt,
      windowClosesAt: windowClosesAt(completedAt, this.config.COMMUNITY_EVALUATION_WINDOW_HOURS),
      weights,
      status: 'open',
      scoreHundredths: null,
      scoredAt: null,
    });
  }
}
