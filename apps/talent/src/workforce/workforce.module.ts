import { Module } from '@nestjs/common';
import { ReadWorkforceHandler } from './application/read-workforce';
import { ReevaluateWorkforce } from './application/reevaluate-workforce';
import { WorkforceSweeper } from './application/sweep-workforce';
import { WorkforceWatch } from './domain/workforce-watch';
import { WorkforceRepository } from './domain/workforce.repository';
import { PostgresWorkforceRepository } from './infrastructure/postgres-workforce.repository';
import { WorkforceController } from './interface/http/workforce.controller';

/**
 * Workforce health per organization. Exports WorkforceWatch: the workers feature calls it in the
 * transaction of every change to an organization's workers.
 */
@Module({
  controllers: [WorkforceController],
  providers: [
    { provide: WorkforceRepository, useClass: PostgresWorkforceRepository },
    ReevaluateWorkforce,
    { provide: WorkforceWatch, useExisting: ReevaluateWorkforce },
    ReadWorkforceHandler,
    WorkforceSweeper,
  ],
  exports: [WorkforceWatch, WorkforceSweeper],
})
export class WorkforceModule {}
