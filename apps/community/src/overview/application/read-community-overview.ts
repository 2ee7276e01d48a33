import { Injectable } from '@nestjs/common';
import { AreaRepository } from '../../areas/domain/area.repository';
import { grantTotals, orderDecisions } from '../domain/community-overview';
import { OverviewRepository } from '../domain/overview.repository';

/**
 * "What is happening in my community": one read of the event-fed read model, ordered and totalled,
 * headed by the community as the hierarchy knows it (null when it is not registered here).
 */
@Injectable()
export class ReadCommunityOverviewHandler {
  constructor(
    private readonly overview: OverviewRepository,
    private readonly areas: AreaRepository,
  ) {}

  async execute(communityCode: string) {
    const [rows, area] = await Promise.all([this.overview.overviewOf(communityCode), this.areas.find(communityCode)]);
    return {
      communityCode,
      community: area && {
        name: area.name,
        streetCode: area.parentCode,
        population: area.population,
        households: area.households ?? null,
        serviceArea: area.serviceArea,
      },
      organizationsActive: rows.organizations,
      proposals: rows.proposals,
      decisions: orderDecisions(rows.decisions),
      grants: rows.grants,
      grantTotals: grantTotals(rows.grants),
      asOf: rows.asOf,
    };
  }
}
