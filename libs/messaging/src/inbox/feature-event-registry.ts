import type { EventType } from '@sanshe/contracts';
import type { EventHandler, EventHandlers } from './event-handlers';

type AnyHandler = EventHandler<EventType>;

/**
 * Where a service's features register what they do with incoming events (in onModuleInit): a service
 * has one Kafka consumer, and several features may need one type (decision.decided, say). The merged
 * handler runs them in registration order in the same inbox transaction, so one failing rolls back all
 * of them and the event is retried as a whole. Each service subclasses it as its own injection token.
 */
export class FeatureEventRegistry {
  private readonly byType = new Map<EventType, { feature: string; handler: AnyHandler }[]>();
  private merged?: EventHandlers;

  register(feature: string, handlers: EventHandlers): void {
    for (const [type, handler] of Object.entries(handlers) as [EventType, AnyHandler | undefined][]) {
      if (!handler) continue;
      const registered = this.byType.get(type) ?? [];
      if (registered.some((entry) => entry.feature === feature)) {
        throw new Error(`${feature} registered a handler for ${type} twice`);
      }
      this.byType.set(type, [...registered, { feature, handler }]);
    }
    this.merged = undefined;
  }

  /** One handler per type, each running every feature's handler of that type in order. */
  handlers(): EventHandlers {
    this.merged ??= Object.fromEntries(
      [...this.byType].map(([type, entries]) => {
        const all: AnyHandler = async (event, manager, delivery) => {
          for (const { handler } of entries) await handler(event, manager, delivery);
        };
        return [type, all];
      }),
    ) as EventHandlers;
    return this.merged;
  }

  /** Which features handle a type, in order (for tests and logs). */
  featuresOf(type: EventType): string[] {
    return (this.byType.get(type) ?? []).map((entry) => entry.feature);
  }
}
