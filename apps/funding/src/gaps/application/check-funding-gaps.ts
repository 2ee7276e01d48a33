import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { GAP_KIND_CODES } from '@sanshe/contracts';
import { OutboxWriter } from '@sanshe/messaging';
import type { FundingConfig } from '../../config/funding-config';
import { FUNDING_CONFIG } from '../../config/funding-config.tokens';
import { fundedUntilOf, gapsOf } from '../domain/funding-gaps';
import { afterFinding, gapEventId } from '../domain/gap-episodes';
import { GapRepository } from '../domain/gap.repository';
import { GAP_EVENT_TYPES, gapEventData } from './gap-events';

/**
 * Checks one organization's funding on `today` (Asia/Shanghai) in the caller's transaction: each gap kind
 * judged, its state moved, and a transition's event published with it — once per episode (the event id
 * names the episode, and checks of one organization are serialized). Returns how many events it published.
 */
@Injectable()
export class CheckFundingGaps {
  constructor(
    private readonly gaps: GapRepository,
    private readonly outbox: OutboxWriter,
    @Inject(FUNDING_CONFIG) private readonly config: FundingConfig,
  ) {}

  async check(manager: EntityManager, organizationId: string, today: string, now = new Date()): Promise<number> {
    await this.gaps.lockOrganization(manager, organizationId);
    const tranches = await this.gaps.tranchesOf(organizationId, manager);
    const states = await this.gaps.statesOf(organizationId, manager);
    const findings = gapsOf(tranches, today, this.config.FUNDING_GAP_WARN_DAYS);
    const at = now.toISOString();
    let published = 0;
    for (const kind of GAP_KIND_CODES) {
      const known = states.find((state) => state.kind === kind) ?? null;
      const { state, transition } = afterFinding(organizationId, kind, known, findings[kind], at);
      if (!transition) continue;
      await this.gaps.saveState(manager, state);
      const type = GAP_EVENT_TYPES[transition.change];
      await this.outbox.publish(manager, {
        type,
        subject: organizationId,
        id: gapEventId(type, organizationId, kind, transition.episode),
        data: gapEventData(organizationId, kind, transition, fundedUntilOf(tranches), at),
      });
      published += 1;
    }
    return published;
  }
}
