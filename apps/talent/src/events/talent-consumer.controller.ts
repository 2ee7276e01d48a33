import { Controller } from '@nestjs/common';
import { Ctx, type KafkaContext, Payload } from '@nestjs/microservices';
import { contextTopic } from '@sanshe/contracts';
import { ConsumeTopic, InboxService } from '@sanshe/messaging';
import { TalentEventRegistry } from './talent-event-registry';

/**
 * What talent reads: governance's decisions, the organizations' proposals and activities, the
 * communities' ratings and hours answers, and funding's grants. Not its own topic: talent's facts are
 * its own tables.
 */
export const TALENT_TOPICS = [
  contextTopic('governance'),
  contextTopic('organization'),
  contextTopic('community'),
  contextTopic('funding'),
];

/**
 * The service's one Kafka consumer: Nest allows one handler per topic per app, so the features do not
 * subscribe themselves but register handlers in TalentEventRegistry. They are looked up per message,
 * hence after every feature's onModuleInit has registered.
 */
@Controller()
export class TalentConsumerController {
  constructor(
    private readonly inbox: InboxService,
    private readonly registry: TalentEventRegistry,
  ) {}

  @ConsumeTopic(TALENT_TOPICS)
  onEvent(@Payload() _raw: Buffer, @Ctx() context: KafkaContext) {
    return this.inbox.consume(context, this.registry.handlers());
  }
}
