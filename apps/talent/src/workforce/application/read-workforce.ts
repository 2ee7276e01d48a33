import { Injectable } from '@nestjs/common';
import { initialState } from '../domain/crossings';
import { indicatorsOf, judge, WORKFORCE_INDICATORS, WORKFORCE_THRESHOLDS } from '../domain/indicators';
import { WorkforceRepository } from '../domain/workforce.repository';
import { workforceToday } from './reevaluate-workforce';

/**
 * GET /organizations/{id}/workforce: the figures and indicators as of now, the thresholds (with their
 * version), and each indicator's status as last evaluated, with its crossings. `judged` is false below
 * minStaff: the indicators are shown, nothing is judged.
 */
@Injectable()
export class ReadWorkforceHandler {
  constructor(private readonly workforce: WorkforceRepository) {}

  async execute(organizationId: string, now = new Date()) {
    const figures = await this.workforce.figuresOf(organizationId, workforceToday(now));
    const states = await this.workforce.statesOf(organizationId);
    const judgements = judge(figures, WORKFORCE_THRESHOLDS);
    const status = WORKFORCE_INDICATORS.map((indicator) => {
      const state = states.find((s) => s.indicator === indicator) ?? initialState(organizationId, indicator, '');
      const judgement = judgements.find((j) => j.indicator === indicator);
      return {
        indicator,
        status: state.status,
        crossings: state.crossings,
        changedAt: state.changedAt || null,
        aboveThreshold: judgement ? judgement.atRisk : null,
      };
    });
    return {
      organizationId,
      figures,
      indicators: indicatorsOf(figures),
      thresholds: WORKFORCE_THRESHOLDS,
      judged: judgements.length > 0,
      status,
      asOf: now.toISOString(),
    };
  }
}
