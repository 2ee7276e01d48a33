import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { EvaluationRepository } from '../domain/evaluation.repository';
import { ScoreActivityHandler } from './score-activity';

/** At most this many activities per transaction; the sweeper calls again while there are more. */
const BATCH = 20;

/**
 * Scores, on what is present, the open activities whose evaluation window has closed: a silent
 * committee (or silent residents) cannot suppress a rating. Rows another instance holds are skipped
 * and closing is conditional on status 'open', so each activity is scored and published once.
 */
@Injectable()
export class CloseEvaluationWindowsHandler {
  constructor(
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
    private readonly evaluations: EvaluationRepository,
    private readonly score: ScoreActivityHandler,
  ) {}

  /** Closes up to one batch; returns how many it took. */
  execute(now = new Date()): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const due = await this.evaluations.takeClosedWindows(manager, now, BATCH);
      for (const activityId of due) {
        const activity = await this.evaluations.activity(manager, activityId);
        if (activity) await this.score.execute(manager, activity, 'window-closed', now);
      }
      return due.length;
    });
  }
}
