import { Controller, Inject, Logger } from '@nestjs/common';
import { Ctx, type KafkaContext, Payload } from '@nestjs/microservices';
import { contextTopic, portalCommandsTopic } from '@sanshe/contracts';
import {
  ConsumeTopic,
  type EventHandler,
  type EventHandlers,
  InboxService,
  PermanentEventError,
} from '@sanshe/messaging';
import { ADMINISTRATIVE_AREA_EVENT_HANDLERS } from '../../../administrative-areas/administrative-areas.tokens';
import type { GovernanceConfig } from '../../../config/governance-config';
import { GOVERNANCE_CONFIG } from '../../../config/governance-config.module';
import { ApplyDecisionUpdateHandler, partyOf } from '../../application/apply-decision-update';
import { ApplyParkedUpdatesHandler } from '../../application/apply-parked-updates';
import { BridgeEventRegistry } from '../../application/bridge-event-registry';
import { ChannelCheck } from '../../application/channel-check';
import { OpenDecisionHandler } from '../../application/open-decision';
import { RejectDecisionEventHandler } from '../../application/reject-decision-event';
import { DECISION_OPENINGS, OPENING_OWNERS, type OpeningEventType } from './decision-openings';
import { DECISION_UPDATES, PROPOSAL_WITHDRAWN, type UpdateEventType } from './decision-updates';

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
 * Workflow Updates (decision-openings.ts and decision-updates.ts map each event to its command). Each
 * must first pass the channel check: it arrived on the topic, and from the source, of the controller of
 * the party it speaks for (or, for an opening, of the context that owns its kind); otherwise it is
 * refused as `wrong-channel` and changes nothing. An update that comes before its decision's opening is
 * parked, and the opening applies it. Each event is applied in an inbox transaction (InboxService), so a
 * redelivery has no second effect.
 */
@Controller()
export class DecisionBridgeController {
  private static consumedTopics?: string;
  private readonly handlers: EventHandlers;
  /** Its own handlers and those other features registered (filings), merged at the first event. */
  private merged?: EventHandlers;

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
    channels: ChannelCheck,
    reject: RejectDecisionEventHandler,
    applyParked: ApplyParkedUpdatesHandler,
    @Inject(GOVERNANCE_CONFIG) config: Pick<GovernanceConfig, 'GOVERNANCE_TEST_HOLD_AFTER_UPDATE'>,
    /** The area events on the community topic: one Kafka handler per topic, so this one applies them too. */
    @Inject(ADMINISTRATIVE_AREA_EVENT_HANDLERS) areaHandlers: EventHandlers,
    private readonly registry: BridgeEventRegistry,
  ) {
    const holdAfter = testHoldAfterUpdate(config.GOVERNANCE_TEST_HOLD_AFTER_UPDATE);
    const open =
      <T extends OpeningEventType>(type: T): EventHandler<T> =>
      async (event, manager, delivery) => {
        const opening = DECISION_OPENINGS[type](event.data);
        const owner = OPENING_OWNERS[type];
        const refusal = await channels.refusal(event, delivery, { owner });
        const result = refusal
          ? { refused: refusal }
          : await openDecision.execute({ opening, owner, openedBy: { eventId: event.id, type: event.type } });
        if (typeof result === 'object') {
          const { decisionId, proposerId } = opening;
          const code = refusal ? 'wrong-channel' : 'proposer-holds-a-seat';
          await reject.execute(manager, { event, decisionId, castBy: proposerId, code, reason: result.refused });
          return;
        }
        // Started, or there already: the votes that came before it apply now, in this transaction.
        await applyParked.execute(manager, opening.decisionId);
      };
    const update =
      <T extends UpdateEventType>(type: T): EventHandler<T> =>
      async (event, manager, delivery) => {
        const command = DECISION_UPDATES[type](event.data);
        const speaksFor = partyOf(command.update);
        const refusal = await channels.refusal(event, delivery, { partyIds: [speaksFor.partyId ?? speaksFor.castBy] });
        if (refusal) {
          const { decisionId } = command;
          await reject.execute(manager, { event, decisionId, ...speaksFor, code: 'wrong-channel', reason: refusal });
          return;
        }
        // The broker's append time, set by the inbox on topics that keep it: the vote's or ruling's castAt.
        const { brokerTime } = delivery;
        const timed = brokerTime === undefined ? {} : { brokerTime };
        const result = await applyUpdate.execute(manager, { ...command, event, ...timed });
        if (result === 'accepted') await holdAfter(event.id);
      };
    this.handlers = {
      ...areaHandlers,
      ...(Object.fromEntries([
        ...(Object.keys(DECISION_OPENINGS) as OpeningEventType[]).map((type) => [type, open(type)]),
        ...(Object.keys(DECISION_UPDATES) as UpdateEventType[]).map((type) => [type, update(type)]),
      ]) as EventHandlers),
      [PROPOSAL_WITHDRAWN]: this.withdrawal(update(PROPOSAL_WITHDRAWN)),
    };
  }

  onEvent(@Payload() _raw: Buffer, @Ctx() context: KafkaContext) {
    this.merged ??= this.registry.decorated({ ...this.registry.all(), ...this.handlers });
    return this.inbox.consume(context, this.merged);
  }

  /** One handler per type: a decision's withdrawal is an update; a filing's goes to the filings feature. */
  private withdrawal(ofDecision: EventHandler<typeof PROPOSAL_WITHDRAWN>): EventHandler<typeof PROPOSAL_WITHDRAWN> {
    return async (event, manager, delivery) => {
      if (event.data.withdrawnFrom === 'decision') return ofDecision(event, manager, delivery);
      const ofFiling = this.registry.handlerFor(PROPOSAL_WITHDRAWN);
      if (!ofFiling) throw new PermanentEventError(`no feature closes filings in this process (${event.id})`);
      return ofFiling(event, manager, delivery);
    };
  }
}

/**
 * GOVERNANCE_TEST_HOLD_AFTER_UPDATE (test-only): after the Update of that event succeeded, print a marker
 * and never return, so its inbox transaction never commits. Unset, it does nothing.
 */
function testHoldAfterUpdate(eventId: string | undefined): (id: string) => Promise<void> {
  if (eventId === undefined) return async () => undefined;
  return (id) =>
    id !== eventId
      ? Promise.resolve()
      : new Promise<void>(() => {
          new Logger('DecisionBridge').warn(`test hold: the Update of ${id} succeeded; its inbox commit is held`);
        });
}
