import { Injectable } from '@nestjs/common';
import { errorMessage } from '@sanshe/common';
import type { EventType, SansheEvent } from '@sanshe/contracts';
import type { Delivery } from '@sanshe/messaging';
import { HealthRegistry } from '@sanshe/nest-platform';
import { ControllerMap } from '../../parties/domain/controller-map';
import { channelOf, channelRefusal, sameChannel, type ServiceController } from '../../parties/domain/party-controller';
import { BridgePortals } from '../domain/bridge-portals';

/**
 * Channel binding (docs/decisions.md): an event counts only if the topic it was read from and its
 * envelope's `source` belong to the controller of every party it speaks for, and an opening only if it
 * came from the context that owns its decision kind. Refusals are counted on /health ("bridge"), beside
 * the portals the bridge hears and those named since it started, which it does not hear until a restart.
 */
@Injectable()
export class ChannelCheck {
  private wrongChannel = 0;

  constructor(
    private readonly controllers: ControllerMap,
    health: HealthRegistry,
    portals: BridgePortals,
  ) {
    health.register({
      name: 'bridge',
      check: async () => ({
        refusedWrongChannel: this.wrongChannel,
        heardPortals: portals.heard,
        // A failed read is postgres's to report: the bridge itself is still up.
        unheardPortals: await portals.unheard().catch((err: unknown) => `unknown: ${errorMessage(err)}`),
      }),
    });
  }

  /** Why `event` may not speak for `partyIds` (and, for an opening, why `owner` did not send it), or null. */
  async refusal(
    event: SansheEvent<EventType>,
    delivery: Delivery,
    { partyIds = [], owner }: { partyIds?: readonly string[]; owner?: ServiceController },
  ): Promise<string | null> {
    const arrival = { topic: delivery.topic, source: event.source };
    const expected = owner ? channelOf(owner) : null;
    const refusal =
      expected && !sameChannel(expected, arrival)
        ? `only the ${owner} context opens this kind of decision (topic ${expected.topic}, source ` +
          `${expected.source}); this arrived on topic ${arrival.topic} from source ${arrival.source}`
        : channelRefusal(arrival, partyIds, await this.controllers.resolver());
    if (refusal) this.wrongChannel++;
    return refusal;
  }
}
