import { Injectable, type OnModuleInit } from '@nestjs/common';
import { fromOwner } from '../../../events/from-owner';
import { TalentEventRegistry } from '../../../events/talent-event-registry';
import { EarnRewardsHandler } from '../../application/earn-rewards';
import { pointsForEvaluation } from '../../domain/reward-rules';

/**
 * The community's rating.updated (counted only from the community's channel): an activity's final score
 * of 4.50 or more earns each worker assigned to it the good-evaluation points, once per worker and activity.
 */
@Injectable()
export class EvaluationSubscriber implements OnModuleInit {
  constructor(
    private readonly registry: TalentEventRegistry,
    private readonly rewards: EarnRewardsHandler,
  ) {}

  onModuleInit(): void {
    this.registry.register('rewards', {
      'sanshe.community.rating.updated.v1': async (event, manager, delivery) => {
        fromOwner(event, delivery, 'community');
        const { activity } = event.data;
        await this.rewards.earnForEvaluation(manager, activity.activityId, pointsForEvaluation(activity));
      },
    });
  }
}
