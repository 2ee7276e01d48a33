import { Module } from '@nestjs/common';
import { WorkerDirectory } from './domain/worker-directory';
import { PostgresWorkerDirectory } from './infrastructure/postgres-worker-directory';

/** Workers, their certificates and career path; exports WorkerDirectory for the other features. */
@Module({
  providers: [{ provide: WorkerDirectory, useClass: PostgresWorkerDirectory }],
  exports: [WorkerDirectory],
})
export class WorkersModule {}
