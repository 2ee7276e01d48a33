import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxWriter } from '@sanshe/messaging';
import { afterJudgement, type Crossing, crossingEventId } from '../domain/crossings';
import { judge, WORKFORCE_THRESHOLDS, type WorkforceFigures } from '../domain/indicators';
import { WorkforceWatch } from '../domain/workforce-watch';
import { WorkforceRepository } from '../domain/workforce.repository';

/** Today's date where the organizations work: a leaving dated today is within the last 365 days. */
export const workforceToday = (now: Date) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);

const TYPES = {
  'risk-detected': 'sanshe.talent.workforce.risk-detected.v1',
  'risk-cleared': 'sanshe.talent.workforce.risk-cleared.v1',
} as const;

/**
 * Re-evaluates one organization's workforce health in the caller's transaction: its figures as the
 * transaction sees them, each indicator judged against WORKFORCE_THRESHOLDS, and a crossing's event
 * published with the change that made it (once per crossing: its id names the crossing's number).
 * Evaluations of one organization are serialized, so concurrent changes cannot cross twice.
 */
@Injectable()
export class ReevaluateWorkforce extends WorkforceWatch {
  constructor(
    private readonly workforce: WorkforceRepository,
    private readonly outbox: OutboxWriter,
  ) {
    super();
  }

  async reevaluate(manager: EntityManager, organizationId: string, now = new Date()): Promise<void> {
    await this.workforce.lockOrganization(manager, organizationId);
    const figures = await this.workforce.figuresOf(organizationId, workforceToday(now), manager);
    const states = await this.workforce.statesOf(organizationId, manager);
    const at = now.toISOString();
    for (const judgement of judge(figures, WORKFORCE_THRESHOLDS)) {
      const known = states.find((state) => state.indicator === judgement.indicator) ?? null;
      const { state, crossing } = afterJudgement(organizationId, known, judgement, at);
      if (known && known.status === state.status && known.lastValue === state.lastValue) continue;
      await this.workforce.saveState(manager, state);
      if (crossing) await this.publish(manager, organizationId, crossing, figures, at);
    }
  }

  private async publish(
    manager: EntityManager,
    organizationId: string,
    { kind, crossing, judgement }: Crossing,
    figures: WorkforceFigures,
    at: string,
  ): Promise<void> {
    const type = TYPES[kind];
    const { indicator, value, threshold } = judgement;
    await this.outbox.publish(manager, {
      type,
      subject: organizationId,
      id: crossingEventId(type, organizationId, indicator, crossing),
      data: { organizationId, indicator, value, threshold, crossing, figures: { ...figures }, at },
    });
  }
}
