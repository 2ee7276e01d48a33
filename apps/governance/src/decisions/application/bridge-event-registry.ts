import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventType, SansheEvent } from '@sanshe/contracts';
import type { EventHandler, EventHandlers } from '@sanshe/messaging';

/** A check the bridge's handlers could not make before the decision opened (its area was unknown). */
export type ParkedUpdateCheck = (
  manager: EntityManager,
  event: SansheEvent<EventType>,
) => Promise<{ code: string; reason: string } | null>;

/**
 * Handlers other features add to the decision bridge, which is the one Kafka consumer of the context
 * topics in this process. Filings register theirs here (in onModuleInit, before the consumer starts)
 * rather than being injected into the bridge: they use the bridge's own use cases (opening a decision,
 * applying parked updates), so injecting them would make the two modules need each other.
 */
@Injectable()
export class BridgeEventRegistry {
  private readonly registered: EventHandlers = {};
  private readonly decorators: ((handlers: EventHandlers) => EventHandlers)[] = [];
  private parkedCheck?: ParkedUpdateCheck;

  /** Adds handlers; a type registered twice is a wiring mistake, refused at start. */
  register(handlers: EventHandlers): void {
    for (const type of Object.keys(handlers) as EventType[]) {
      if (this.registered[type]) throw new Error(`${type} has a bridge handler already`);
    }
    Object.assign(this.registered, handlers);
  }

  handlerFor<T extends EventType>(type: T): EventHandler<T> | undefined {
    return this.registered[type] as EventHandler<T> | undefined;
  }

  all(): EventHandlers {
    return { ...this.registered };
  }

  /** Wraps every handler of the bridge, its own too (portal commands: answered and jurisdiction-checked). */
  decorate(decorator: (handlers: EventHandlers) => EventHandlers): void {
    this.decorators.push(decorator);
  }

  /** Checks each update parked before its decision opened, when the opening applies it (portals' jurisdiction). */
  checkParkedWith(check: ParkedUpdateCheck): void {
    this.parkedCheck = check;
  }

  /** Why a parked update may not be applied now that its decision is open, or null. */
  parkedRefusal(
    manager: EntityManager,
    event: SansheEvent<EventType>,
  ): Promise<{ code: string; reason: string } | null> {
    return this.parkedCheck ? this.parkedCheck(manager, event) : Promise.resolve(null);
  }

  /** `handlers` as the decorators made them, in the order they were added. */
  decorated(handlers: EventHandlers): EventHandlers {
    return this.decorators.reduce((wrapped, decorator) => decorator(wrapped), handlers);
  }
}
