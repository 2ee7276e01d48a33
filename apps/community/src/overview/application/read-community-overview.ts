import { Injectable } from '@nestjs/common';
import { grantTotals, orderDecisions } from '../domain/community-overview';
import { OverviewRepository } from '../domain/overview.repository';

/** "What is happening in my community": one read of the event-fed read model, ordered and totalled. */
@Injectable()
export class ReadCommunityOverviewHandler {
  constructor(private readonly overview: OverviewRepository) {}

  async execute(communityCode: string) {
    const rows = await this.overview.overviewOf(communityCode);
    return {
      communityCode,
      organizationsActive: rows.organizations,
      proposals: rows.proposals,
      decisions: orderDecisions(rows.decisions),
      grants: rows.grants,
      grantTotals: grantTotals(rows.grants),
      asOf: rows.asOf,
    };
  }
}
