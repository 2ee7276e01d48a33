import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { dimensionsOf } from '../domain/activity-score';
import { type EvaluatedActivity, evidenceOf, type RecordedEvaluation } from '../domain/evaluated-activity';
import { ActivityNotFound, OrganizationNotRated } from '../domain/evaluation-errors';
import { EvaluationRepository, type OrganizationRating } from '../domain/evaluation.repository';
import { DEFAULT_WEIGHTS, type Weights } from '../domain/evaluation-weights';
import { roundedDimensions } from './score-activity';

export interface ActivityEvaluationView {
  activity: EvaluatedActivity;
  /** The dimensions present so far, 2 decimals. */
  dimensions: Record<string, number>;
  evaluations: RecordedEvaluation[];
}

/** The read side; each lookup that finds nothing says what was looked for. */
@Injectable()
export class ReadEvaluationsHandler {
  constructor(
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
    private readonly evaluations: EvaluationRepository,
  ) {}

  /** The community's weights, or the default when it set none. */
  async weights(communityCode: string): Promise<{ weights: Weights; isDefault: boolean }> {
    const stored = await this.evaluations.weightsOf(this.dataSource.manager, communityCode);
    return stored ? { weights: stored, isDefault: false } : { weights: { ...DEFAULT_WEIGHTS }, isDefault: true };
  }

  async activity(activityId: string): Promise<ActivityEvaluationView> {
    const manager = this.dataSource.manager;
    const activity = await this.evaluations.activity(manager, activityId);
    if (!activity) throw new ActivityNotFound(activityId);
    const evaluations = await this.evaluations.evaluationsOf(manager, activityId);
    return { activity, evaluations, dimensions: roundedDimensions(dimensionsOf(evidenceOf(activity, evaluations))) };
  }

  async rating(organizationId: string): Promise<OrganizationRating> {
    const rating = await this.evaluations.rating(this.dataSource.manager, organizationId);
    if (!rating) throw new OrganizationNotRated(organizationId);
    return rating;
  }
}
