import { Controller } from '@nestjs/common';
import { Ctx, type KafkaContext, Payload } from '@nestjs/microservices';
import { contextTopic } from '@sanshe/contracts';
import { ConsumeTopic, InboxService } from '@sanshe/messaging';
import { CommunityEventRegistry } from './community-event-registry';

/** What the community reads: governance's decisions, organizations' proposals and activities, funding's grants, talent's hours. */
export const COMMUNITY_TOPICS = [
  contextTopic('governance'),
  contextTopic('organization'),
  contextTopic('funding'),
  contextTopic('talent'),
];

/**
 * The service's one Kafka consumer: Nest allows one handler per topic per app, so the features do not
 * subscribe themselves but register handlers in CommunityEventRegistry. They are looked up per message,
 * hence after every feature's onModuleInit has registered.
 */
@Controller()
export class CommunityConsumerController {
  constructor(
    private readonly inbox: InboxService,
    private readonly registry: CommunityEventRegistry,
  ) {}

  @ConsumeTopic(COMMUNITY_TOPICS)
  onEvent(@Payload() _raw: Buffer, @Ctx() context: KafkaContext) {
    return this.inbox.consume(context, this.registry.handlers());
  }
}
