import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { OutboxWriter } from '@sanshe/messaging';
import {
  checkEvaluation,
  checkEvaluator,
  type EvaluationInput,
  evaluatorRefOf,
  type RecordedEvaluation,
  scoresOf,
} from '../domain/evaluated-activity';
import { ActivityNotFound, AlreadyEvaluated } from '../domain/evaluation-errors';
import { EvaluationRepository } from '../domain/evaluation.repository';
import { ScoreActivityHandler } from './score-activity';

export interface RecordEvaluationCommand {
  activityId: string;
  input: EvaluationInput;
  caller: { sub: string; roles: readonly string[]; parties: readonly string[] };
}

export interface RecordEvaluationResult {
  evaluation: RecordedEvaluation;
  /** The activity's provisional score after this evaluation (hundredths), null until all four dimensions are in. */
  provisionalHundredths: number | null;
}

/**
 * Records one evaluation and publishes evaluation.recorded (without the resident's id) in one
 * transaction, then rescores the activity provisionally once all four dimensions are in. The activity's
 * row is locked meanwhile, so evaluations of one activity take turns and each rescoring counts every
 * evaluation before it (none is lost to a concurrent one). Refused (nothing written): unknown activity, the
 * wrong role or party, a peer evaluating itself, a closed window, a resident who did not take part,
 * an evaluator who already evaluated.
 */
@Injectable()
export class RecordEvaluationHandler {
  constructor(
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
    private readonly evaluations: EvaluationRepository,
    private readonly outbox: OutboxWriter,
    private readonly score: ScoreActivityHandler,
  ) {}

  execute({ activityId, input, caller }: RecordEvaluationCommand): Promise<RecordEvaluationResult> {
    return this.dataSource.transaction(async (manager) => {
      const activity = await this.evaluations.activity(manager, activityId, { forUpdate: true });
      if (!activity) throw new ActivityNotFound(activityId);
      checkEvaluator(activity, input, caller);
      const now = new Date();
      checkEvaluation(activity, input, now);

      const evaluation: RecordedEvaluation = {
        evaluationId: `eval-${randomUUID()}`,
        activityId,
        kind: input.kind,
        evaluatorRef: evaluatorRefOf(input),
        scores: scoresOf(input),
        comment: input.comment ?? null,
        evaluatedBy: caller.sub,
        createdAt: now,
      };
      if (!(await this.evaluations.addEvaluation(manager, evaluation))) {
        throw new AlreadyEvaluated(
          input.kind === 'committee'
            ? `the committee has already evaluated activity ${activityId}`
            : `${evaluation.evaluatorRef} has already evaluated activity ${activityId}`,
        );
      }
      await this.outbox.publish(manager, {
        type: 'sanshe.community.evaluation.recorded.v1',
        id: `sanshe.community.evaluation.recorded.v1:${evaluation.evaluationId}`,
        subject: evaluation.evaluationId,
        data: {
          evaluationId: evaluation.evaluationId,
          activityId,
          organizationId: activity.organizationId,
          communityCode: activity.communityCode,
          evaluator: input.kind,
          scores: evaluation.scores,
          recordedAt: now.toISOString(),
        },
      });
      const change = await this.score.execute(manager, activity, 'evaluation-recorded', now);
      return { evaluation, provisionalHundredths: change?.scoreHundredths ?? null };
    });
  }
}
