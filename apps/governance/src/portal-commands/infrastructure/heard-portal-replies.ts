import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { errorMessage } from '@sanshe/common';
import { portalRepliesTopic } from '@sanshe/contracts';
import { ensureTopics, KafkaConnection } from '@sanshe/messaging';
import { grantMissingAcls, replyingServicesAcls } from '../../portals/infrastructure/kafka-portal-channels';

/** The portals the bridge hears from boot (GOVERNANCE_PORTALS, policies, controllers, the registry). */
export const HEARD_PORTAL_REPLIES = Symbol('HEARD_PORTAL_REPLIES');

/**
 * Makes the replies topic of every portal the bridge hears from boot and, when the service logs in to Kafka,
 * lets the replying services write it (as a registration does). A registered portal's are made when its
 * channels open; one heard only through configuration or a policy has none otherwise, and its replies could
 * not be relayed on a broker that creates no topic by itself and refuses writes no ACL allows — held in the
 * outbox, they would hold back the relay. Best effort: a refusal (the service may not create topics or ACLs)
 * is logged, never a failed boot.
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
      if (security?.sasl) await this.grantReplyWrites();
    } catch (err) {
      this.logger.warn(`could not open the replies topics ${topics.join(', ')}: ${errorMessage(err)}`);
    }
  }

  private async grantReplyWrites(): Promise<void> {
    const admin = this.kafka.kafka.admin();
    await admin.connect();
    try {
      await grantMissingAcls(admin, this.portalIds.flatMap(replyingServicesAcls));
    } finally {
      await admin.disconnect();
    }
  }
}
