import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { EvaluatedActivity } from '../domain/evaluated-activity';
import { EvaluationRepository } from '../domain/evaluation.repository';
import { ScoreActivityHandler } from './score-activity';

/** At most this many activities per transaction; the sweeper calls again while there are more. */
const BATCH = 20;

/**
 * Makes final, on what is present, the score of each open activity whose evaluation window has closed:
 * a silent committee (or silent residents) cannot suppress a rating, and a provisional score the close
 * leaves unchanged is not published again. Rows another instance holds are skipped and closing is
 * conditional on status 'open', so each activity is closed (and published) once.
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
      const activities: EvaluatedActivity[] = [];
      for (const activityId of due) {
        const activity = await this.evaluations.activity(manager, activityId);
        if (activity) activities.push(activity);
      }
      // Ratings are locked until commit: one organization after another, in one order for every
      // sweeper, so two sweepers' batches never wait on each other's rating locks in a cycle.
      activities.sort((a, b) =>
        a.organizationId < b.organizationId ? -1 : a.organizationId > b.organizationId ? 1 : 0,
      );
      for (const activity of activities) await this.score.execute(manager, activity, 'window-closed', now);
      return due.length;
    });
  }
}
