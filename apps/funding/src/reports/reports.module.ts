import { Module } from '@nestjs/common';
import { ReadFlowsHandler } from './application/read-flows';
import { FlowRepository } from './domain/flow.repository';
import { PostgresFlowRepository } from './infrastructure/postgres-flow.repository';
import { FlowsController } from './interface/http/flows.controller';

/** Funding reports: flows read from the grants' and the ledger's tables in SQL; imports no other feature. */
@Module({
  controllers: [FlowsController],
  providers: [{ provide: FlowRepository, useClass: PostgresFlowRepository }, ReadFlowsHandler],
})
export class ReportsModule {}
