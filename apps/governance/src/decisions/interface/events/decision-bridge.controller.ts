import { Controller } from '@nestjs/common';
import { Ctx, type KafkaContext, Payload } from '@nestjs/microservices';
import { contextTopic, portalCommandsTopic } from '@sanshe/contracts';
import { ConsumeTopic, type EventHandler, type EventHandlers, InboxService } from '@sanshe/messaging';
import { ApplyDecisionUpdateHandler } from '../../application/apply-decision-update';
import { OpenDecisionHandler } from '../../application/open-decision';
import { DECISION_OPENINGS, type OpeningEventType } from './decision-openings';
import { DECISION_UPDATES, type UpdateEventType } from './decision-updates';

/** The topics the bridge reads: the contexts that open decisions or vote, and each configured portal's commands. */
export const bridgeTopics = (portalIds: readonly string[]) => [
  contextTopic('organization'),
  contextTopic('community'),
  contextTopic('talent'),
  contextTopic('funding'),
  ...portalIds.map(portalCommandsTopic),
];

/**
 * The Kafka → workflow bridge: opening events start decisions, vote/amend/arbitrate events become
 * Workflow Updates (decision-openings.ts and decision-updates.ts map each event to its command).
 * Each event is applied in an inbox transaction (InboxService), so a redelivery has no second effect.
 */
@Controller()
export class DecisionBridgeController {
  private static consumedTopics?: string;
  private readonly handlers: EventHandlers;

  /**
   * Subscribes `onEvent` to `topics`, as `@ConsumeTopic(topics)` on it would: the portals' topics come
   * from GOVERNANCE_PORTALS, known only once the environment is read, so DecisionsModule.forRoot calls
   * this. Nest reads the topics when the application starts. They belong to the class, so a process
   * runs one bridge configuration: a second, different list is refused rather than silently replacing it.
   */
  static consume(topics: string[]): void {
    const key = JSON.stringify(topics);
    if (this.consumedTopics !== undefined && this.consumedTopics !== key) {
      throw new Error(`the decision bridge already consumes ${this.consumedTopics}; one topic list per process`);
    }
    this.consumedTopics = key;
    const onEvent = Object.getOwnPropertyDescriptor(this.prototype, 'onEvent') as PropertyDescriptor;
    ConsumeTopic(topics)(this.prototype, 'onEvent', onEvent);
  }

  constructor(
    private readonly inbox: InboxService,
    openDecision: OpenDecisionHandler,
    applyUpdate: ApplyDecisionUpdateHandler,
  ) {
    const open =
      <T extends OpeningEventType>(type: T): EventHandler<T> =>
      async (event) => {
        const opening = DECISION_OPENINGS[type](event.data);
        await openDecision.execute({ opening, openedBy: { eventId: event.id, type: event.type } });
      };
    const update =
      <T extends UpdateEventType>(type: T): EventHandler<T> =>
      async (event, manager) => {
        await applyUpdate.execute(manager, { ...DECISION_UPDATES[type](event.data), event });
      };
    this.handlers = Object.fromEntries([
      ...(Object.keys(DECISION_OPENINGS) as OpeningEventType[]).map((type) => [type, open(type)]),
      ...(Object.keys(DECISION_UPDATES) as UpdateEventType[]).map((type) => [type, update(type)]),
    ]) as EventHandlers;
  }

  onEvent(@Payload() _raw: Buffer, @Ctx() context: KafkaContext) {
    return this.inbox.consume(context, this.handlers);
  }
}
