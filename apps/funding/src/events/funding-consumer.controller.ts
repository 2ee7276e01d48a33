import { Controller } from '@nestjs/common';
import { Ctx, type KafkaContext, Payload } from '@nestjs/microservices';
import { contextTopic, portalCommandsTopic } from '@sanshe/contracts';
import { ConsumeTopic, InboxService } from '@sanshe/messaging';
import type { FundingConfig } from '../config/funding-config';
import { FundingEventRegistry } from './funding-event-registry';

/**
 * What funding reads from its start: governance's decisions and portal registry, the organizations' registry
 * and proposals, and the commands topics of the portals in FUNDING_PORTALS (extras: their payment
 * confirmations). The commands topics of the registry's active portals are taken on while running
 * (portals/application/follow-portal.ts). Not its own topic: funding's facts are its own tables.
 */
export const fundingTopics = (funding: Pick<FundingConfig, 'FUNDING_PORTALS'>): string[] => [
  contextTopic('governance'),
  contextTopic('organization'),
  ...funding.FUNDING_PORTALS.map(portalCommandsTopic),
];

/**
 * The service's one Kafka consumer: Nest allows one handler per topic per app, so the features do not
 * subscribe themselves but register handlers in FundingEventRegistry. They are looked up per message,
 * hence after every feature's onModuleInit has registered.
 */
@Controller()
export class FundingConsumerController {
  private static consumedTopics?: string;

  /**
   * Subscribes `onEvent` to `topics`, as `@ConsumeTopic(topics)` would: the portals' topics come from
   * FUNDING_PORTALS, known only once the environment is read. Nest reads the topics when the app starts;
   * they belong to the class, so one process runs one list: a second, different one is refused.
   */
  static consume(topics: string[]): void {
    const key = JSON.stringify(topics);
    if (this.consumedTopics === key) return;
    if (this.consumedTopics !== undefined) {
      throw new Error(`funding's consumer already reads ${this.consumedTopics}; one topic list per process`);
    }
    this.consumedTopics = key;
    const onEvent = Object.getOwnPropertyDescriptor(this.prototype, 'onEvent') as PropertyDescriptor;
    ConsumeTopic(topics)(this.prototype, 'onEvent', onEvent);
  }

  constructor(
    private readonly inbox: InboxService,
    private readonly registry: FundingEventRegistry,
  ) {}

  onEvent(@Payload() _raw: Buffer, @Ctx() context: KafkaContext) {
    return this.inbox.consume(context, this.registry.handlers());
  }
}
