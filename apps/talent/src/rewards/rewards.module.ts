import { Module } from '@nestjs/common';
import { WorkersModule } from '../workers/workers.module';
import { AwardRecognitionHandler } from './application/award-recognition';
import { EarnRewardsHandler } from './application/earn-rewards';
import { ReadRewardsHandler } from './application/read-rewards';
import { RedeemPointsHandler } from './application/redeem-points';
import { RewardRepository } from './domain/reward.repository';
import { RewardsLedger } from './domain/rewards-ledger';
import { PostgresRewardRepository } from './infrastructure/postgres-reward.repository';
import { EvaluationSubscriber } from './interface/events/evaluation.subscriber';
import { RewardsController } from './interface/http/rewards.controller';

/**
 * The rewards ledger; exports RewardsLedger, the port through which hours and education earn points in
 * their own transactions.
 */
@Module({
  imports: [WorkersModule],
  controllers: [RewardsController],
  providers: [
    { provide: RewardRepository, useClass: PostgresRewardRepository },
    EarnRewardsHandler,
    { provide: RewardsLedger, useExisting: EarnRewardsHandler },
    RedeemPointsHandler,
    AwardRecognitionHandler,
    ReadRewardsHandler,
    EvaluationSubscriber,
  ],
  exports: [RewardsLedger],
})
export class RewardsModule {}
