import { Controller } from '@nestjs/common';
import { Ctx, type KafkaContext, Payload } from '@nestjs/microservices';
import { contextTopic } from '@sanshe/contracts';
import { ConsumeTopic, InboxService } from '@sanshe/messaging';
import { OrganizationEventRegistry } from './organization-event-registry';

/**
 * What the organization reads: governance's decisions and filings, the community's needs, venues and
 * ratings, talent's workers and funding's grants (the capacity profile).
 */
export const ORGANIZATION_TOPICS = [
  contextTopic('governance'),
  contextTopic('community'),
  contextTopic('talent'),
  contextTopic('funding'),
];

/**
 * The service's one Kafka consumer: Nest allows one handler per topic per app, so the features do not
 * subscribe themselves but register handlers in OrganizationEventRegistry. They are looked up per
 * message, hence after every feature's onModuleInit has registered.
 */
@Controller()
export class OrganizationConsumerController {
  constructor(
    private readonly inbox: InboxService,
    private readonly registry: OrganizationEventRegistry,
  ) {}

  @ConsumeTopic(ORGANIZATION_TOPICS)
  onEvent(@Payload() _raw: Buffer, @Ctx() context: KafkaContext) {
    return this.inbox.consume(context, this.registry.handlers());
  }
}
