import { Inject, Injectable } from '@nestjs/common';
import type { FundingConfig } from '../../config/funding-config';
import { FUNDING_CONFIG } from '../../config/funding-config.tokens';
import { type FundingView, fundingViewOf } from '../domain/funding-view';
import { GapRepository } from '../domain/gap.repository';
import { shanghaiDay } from '../../calendar/shanghai-calendar';

/** GET /organizations/{id}/funding: secured, received, clawed back, next tranche, runway and open gaps, as of today. */
@Injectable()
export class ReadOrganizationFundingHandler {
  constructor(
    private readonly gaps: GapRepository,
    @Inject(FUNDING_CONFIG) private readonly config: FundingConfig,
  ) {}

  async execute(organizationId: string, now = new Date()): Promise<FundingView> {
    const [tranches, clawbacks, states] = await Promise.all([
      this.gaps.tranchesOf(organizationId),
      this.gaps.clawbacksOf(organizationId),
      this.gaps.statesOf(organizationId),
    ]);
    return fundingViewOf(
      organizationId,
      { tranches, clawbacks, states },
      shanghaiDay(now),
      this.config.FUNDING_GAP_WARN_DAYS,
    );
  }
}
