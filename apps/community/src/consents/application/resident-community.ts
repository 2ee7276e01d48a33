import { Injectable } from '@nestjs/common';
import { AccessDenied } from '@sanshe/auth';
import type { EntityManager } from 'typeorm';
import type { Caller } from '../../access/community-access';
import { RepresentativeRoster } from '../../representatives/domain/representative.repository';
import { ResidentVault } from '../../residents/domain/resident-vault';
import { channelsOf } from '../domain/consent-access';
import type { ConsentChannel } from '../domain/consent-record';
import { ResidentNotFound } from '../domain/consent-errors';

/**
 * Where a resident belongs, and through which channel a caller speaks for the residents there: the
 * register knows the community (404 otherwise), the token names the role and party, and a
 * representative must also be serving on the residents' roster today (as for votes).
 */
@Injectable()
export class ResidentCommunity {
  constructor(
    private readonly vault: ResidentVault,
    private readonly roster: RepresentativeRoster,
  ) {}

  async of(residentId: string, manager?: EntityManager): Promise<string> {
    const communityCode = await this.vault.communityOf(residentId, manager);
    if (!communityCode) throw new ResidentNotFound(`no resident ${residentId} in the register`);
    return communityCode;
  }

  /** The channel `caller` speaks through for `communityCode`'s residents, or null when none serves. */
  async channelOf(caller: Caller, communityCode: string, manager?: EntityManager): Promise<ConsentChannel | null> {
    const channels = channelsOf(caller, communityCode);
    if (channels.includes('representative')) {
      if (await this.roster.isActive(communityCode, 'residents', caller.sub, manager)) return 'representative';
    }
    return channels.includes('portal') ? 'portal' : null;
  }

  /** As channelOf, refusing (403) when there is none: e.g. a representative no longer serving. */
  async requireChannel(caller: Caller, communityCode: string, manager?: EntityManager): Promise<ConsentChannel> {
    const channel = await this.channelOf(caller, communityCode, manager);
    if (!channel) {
      throw new AccessDenied(
        `${caller.sub} may not speak for the residents of ${communityCode}: not a serving residents' representative ` +
          `on its roster, nor a residents' portal`,
      );
    }
    return channel;
  }
}
