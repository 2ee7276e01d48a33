import { Injectable } from '@nestjs/common';
import type { Portal } from '../domain/portal';
import { PortalNotFound } from '../domain/portal-errors';
import { PortalRepository } from '../domain/portal.repository';
import { type ChannelsState, PortalChannelOpener } from './portal-channel-opener';

/** A registered portal and whether this process has opened its channels. */
export type PortalWithChannels = Portal & { channels: ChannelsState };

@Injectable()
export class ReadPortalsHandler {
  constructor(
    private readonly portals: PortalRepository,
    private readonly opener: PortalChannelOpener,
  ) {}

  async list(): Promise<PortalWithChannels[]> {
    return (await this.portals.list()).map((portal) => this.withChannels(portal));
  }

  async get(portalId: string): Promise<PortalWithChannels> {
    const portal = await this.portals.find(portalId);
    if (!portal) throw new PortalNotFound(portalId);
    return this.withChannels(portal);
  }

  private withChannels(portal: Portal): PortalWithChannels {
    return { ...portal, channels: this.opener.channelsOf(portal) };
  }
}
