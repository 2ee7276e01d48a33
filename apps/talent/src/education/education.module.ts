import { Module } from '@nestjs/common';
import { RewardsModule } from '../rewards/rewards.module';
import { WorkersModule } from '../workers/workers.module';
import { EducationSweeper } from './application/education-sweeper';
import { ManageEducationHandler } from './application/manage-education';
import { EducationRepository } from './domain/education.repository';
import { PostgresEducationRepository } from './infrastructure/postgres-education.repository';
import { EducationController } from './interface/http/education.controller';

/** Continuing education: programs, completions, and the sweeper's shortfall and expiring-certificate warnings. */
@Module({
  imports: [WorkersModule, RewardsModule],
  controllers: [EducationController],
  providers: [
    { provide: EducationRepository, useClass: PostgresEducationRepository },
    ManageEducationHandler,
    EducationSweeper,
  ],
  exports: [EducationSweeper],
})
export class EducationModule {}
