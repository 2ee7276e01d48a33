import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module';
import { NeedsModule } from '../needs/needs.module';
import { CloseEvaluationWindowsHandler } from './application/close-evaluation-windows';
import { ReadEvaluationsHandler } from './application/read-evaluations';
import { RecordCompletedActivityHandler } from './application/record-completed-activity';
import { RecordEvaluationHandler } from './application/record-evaluation';
import { ScoreActivityHandler } from './application/score-activity';
import { SetEvaluationWeightsHandler } from './application/set-evaluation-weights';
import { EvaluationRepository } from './domain/evaluation.repository';
import { EvaluationWindowSweeper } from './infrastructure/evaluation-window-sweeper';
import { PostgresEvaluationRepository } from './infrastructure/postgres-evaluation.repository';
import { EvaluationsController } from './interface/http/evaluations.controller';
import { EvaluationsSubscriber } from './interface/events/evaluations.subscriber';

/**
 * Evaluation on the whole of the service (reach, satisfaction, outcome, efficiency) and organization
 * ratings. Needs the kit's data source and outbox, COMMUNITY_CONFIG, the event registry, the hierarchy
 * (weights only for a registered community) and the need directory (a need's expected size measures reach).
 */
@Module({
  imports: [AreasModule, NeedsModule],
  controllers: [EvaluationsController],
  providers: [
    { provide: EvaluationRepository, useClass: PostgresEvaluationRepository },
    ScoreActivityHandler,
    RecordCompletedActivityHandler,
    RecordEvaluationHandler,
    CloseEvaluationWindowsHandler,
    SetEvaluationWeightsHandler,
    ReadEvaluationsHandler,
    EvaluationWindowSweeper,
    EvaluationsSubscriber,
  ],
})
export class EvaluationsModule {}
