import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { errorMessage } from '@sanshe/common';
import { portalRepliesTopic } from '@sanshe/contracts';
import { ensureTopics, KafkaConnection } from '@sanshe/messaging';

/** The portals the bridge hears from boot (GOVERNANCE_PORTALS, policies, controllers, the registry). */
export const HEARD_PORTAL_REPLIES = Symbol('HEARD_PORTAL_REPLIES');

/**
 * Makes the replies topic of every portal the bridge hears from boot. A registered portal's is made when its
 * channels open; one heard only through configuration or a policy has none otherwise, and its replies could
 * not be relayed on a broker that creates no topic by itself. Best effort: a refusal (the service may not create
 * topics) is logged, never a failed boot.
 */
@Injectable()
export class HeardPortalReplies implements OnApplicationBootstrap {
  private readonly logger = new Logger('PortalCommands');

  constructor(
    private readonly kafka: KafkaConnection,
    @Inject(HEARD_PORTAL_REPLIES) private readonly portalIds: readonly string[],
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.portalIds.length === 0) return;
    const { brokers, security } = this.kafka.options;
    const topics = this.portalIds.map(portalRepliesTopic);
    try {
      await ensureTopics({ brokers, ...(security ? { security } : {}) }, topics);
    } catch (err) {
      this.logger.warn(`could not make the replies topics ${topics.join(', ')}: ${errorMessage(err)}`);
    }
  }
}
