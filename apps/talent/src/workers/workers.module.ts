import { Module } from '@nestjs/common';
import { PutWorkerHandler } from './application/put-worker';
import { RecordCertificateHandler } from './application/record-certificate';
import { WorkerDirectory } from './domain/worker-directory';
import { WorkerRepository } from './domain/worker.repository';
import { PostgresWorkerDirectory } from './infrastructure/postgres-worker-directory';
import { PostgresWorkerRepository } from './infrastructure/postgres-worker.repository';
import { WorkersController } from './interface/http/workers.controller';
import { WorkforceModule } from '../workforce/workforce.module';

/**
 * Workers, their certificates and career path; exports WorkerDirectory for hours, staffing, assignments
 * and workforce health, and WorkerRepository for continuing education.
 */
@Module({
  imports: [WorkforceModule],
  controllers: [WorkersController],
  providers: [
    { provide: WorkerRepository, useClass: PostgresWorkerRepository },
    { provide: WorkerDirectory, useClass: PostgresWorkerDirectory },
    PutWorkerHandler,
    RecordCertificateHandler,
  ],
  exports: [WorkerDirectory, WorkerRepository],
})
export class WorkersModule {}
