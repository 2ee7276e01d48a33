import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { errorMessage } from '@sanshe/common';
import { contextTopic, portalCommandsTopic } from '@sanshe/contracts';
import { LiveTopics } from '@sanshe/messaging';
import type { Portal } from '../domain/portal';
import { PortalRepository } from '../domain/portal.repository';

/** Funding's one consumer handler reads every topic it consumes: a portal's commands are handled as governance's are. */
const CONSUMED_TOPIC = contextTopic('governance');

/**
 * Keeps funding's copy of governance's registry (portal.registered / portal.updated, in the inbox
 * transaction): a newer version replaces the row, an older one changes nothing. An active portal's commands
 * topic is consumed from then on, without a restart (LiveTopics, started once the handler returns), and at
 * every start for each active portal in the copy. A suspended portal's topic is still read: its
 * confirmations are answered portal-suspended rather than left unread.
 */
@Injectable()
export class FollowPortalHandler implements OnApplicationBootstrap {
  private readonly logger = new Logger('Portals');

  constructor(
    private readonly portals: PortalRepository,
    private readonly liveTopics: LiveTopics,
  ) {}

  async execute(manager: EntityManager, portal: Portal): Promise<'stored' | 'older'> {
    if (!(await this.portals.saveIfNewer(manager, portal))) return 'older';
    if (portal.status === 'active') this.consume([portal]);
    return 'stored';
  }

  onApplicationBootstrap(): void {
    // Not awaited: the consumer starts after bootstrap, and consumeAlsoSoon waits for it.
    this.portals.listActive().then(
      (portals) => portals.length > 0 && this.consume(portals),
      (err: unknown) => this.logger.error(`portals' topics not read at startup: ${errorMessage(err)}`),
    );
  }

  private consume(portals: Portal[]): void {
    void this.liveTopics.consumeAlsoSoon(
      portals.map((p) => portalCommandsTopic(p.portalId)),
      CONSUMED_TOPIC,
    );
  }
}
