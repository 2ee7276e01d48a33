import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AreaRepository } from '../../areas/domain/area.repository';
import { CommunityNotFound, WeightsRuleBroken } from '../domain/evaluation-errors';
import { EvaluationRepository } from '../domain/evaluation.repository';
import { checkWeights, type Weights } from '../domain/evaluation-weights';

export interface SetEvaluationWeightsCommand {
  communityCode: string;
  weights: Weights;
  updatedBy: string;
}

/**
 * Sets a registered community's weights for activities completed from now on (those already completed keep the
 * weights pinned then). Refused, with nothing written, when efficiency would outweigh a dimension or
 * exceed a quarter of the total; the table's CHECKs hold the same rule.
 */
@Injectable()
export class SetEvaluationWeightsHandler {
  constructor(
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
    private readonly evaluations: EvaluationRepository,
    private readonly areas: AreaRepository,
  ) {}

  async execute({ communityCode, weights, updatedBy }: SetEvaluationWeightsCommand): Promise<Weights> {
    const problems = checkWeights(weights);
    if (problems.length > 0) {
      // Each weight well formed (the schema judged them): the rule between them is no schema's, 422.
      throw new WeightsRuleBroken(
        problems.map(({ path, message }) => ({ path, message })),
        `weights for ${communityCode}`,
      );
    }
    await this.dataSource.transaction(async (manager) => {
      if ((await this.areas.find(communityCode, manager))?.level !== 'community') {
        throw new CommunityNotFound(communityCode);
      }
      await this.evaluations.saveWeights(manager, communityCode, weights, updatedBy);
    });
    return weights;
  }
}
