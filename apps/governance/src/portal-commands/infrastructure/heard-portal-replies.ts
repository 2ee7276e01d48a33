import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { errorMessage } from '@sanshe/common';
import { portalRepliesTopic } from '@sanshe/contracts';
import { PortalChannels } from '../../portals/domain/portal-channels';

/** The portals the bridge hears from boot (GOVERNANCE_PORTALS, policies, controllers, the registry). */
export const HEARD_PORTAL_REPLIES = Symbol('HEARD_PORTAL_REPLIES');

/**
 * Opens the replies topic of every portal the bridge hears from boot (PortalChannels.openReplies: the topic, and
 * the replying services' WRITE when Kafka security is on). A registered portal's are opened with its channels;
 * one heard only through configuration or a policy has none otherwise, and its replies could not be relayed on a
 * broker that creates no topic by itself and refuses writes no ACL allows — held in the outbox, they would hold
 * back the relay. Best effort: a refusal is logged, never a failed boot.
 */
@Injectable()
export class HeardPortalReplies implements OnApplicationBootstrap {
  private readonly logger = new Logger('PortalCommands');

  constructor(
    private readonly channels: PortalChannels,
    @Inject(HEARD_PORTAL_REPLIES) private readonly portalIds: readonly string[],
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.channels.openReplies(this.portalIds);
    } catch (err) {
      const topics = this.portalIds.map(portalRepliesTopic).join(', ');
      this.logger.warn(`could not open the replies topics ${topics}: ${errorMessage(err)}`);
    }
  }
}
