import type { EntityManager } from 'typeorm';
import type { EventType, SansheEvent } from '@sanshe/contracts';

/** A vote, amendment, ruling or withdrawal that arrived before its decision was opened. */
export interface ParkedUpdate {
  decisionId: string;
  kind: 'vote' | 'amend' | 'arbitrate' | 'withdraw';
  /** The Workflow Update's argument, as the event asked for it (without `castAt`: see brokerTime). */
  request: object;
  /** The event that carried it: its identity is the update id, and a refusal names it. */
  event: SansheEvent<EventType>;
  /** When the broker appended the event (ms since the epoch), if the topic keeps append times. */
  brokerTime?: number;
}

/**
 * The updates waiting for their decision's opening (a port: the class is also its injection token).
 * Every method joins the caller's transaction: the bridge's inbox one, or the sweeper's.
 */
export abstract class ParkedUpdateRepository {
  /**
   * Serializes, per decision, "found no decision, so park" with "opened, so apply what is parked" until
   * the caller's transaction ends: an update parked concurrently with the opening is never left behind.
   */
  abstract lockDecision(manager: EntityManager, decisionId: string): Promise<void>;

  /** Parks `update`, unless its event is parked already (a redelivery parks once). */
  abstract park(manager: EntityManager, update: ParkedUpdate): Promise<void>;

  /** Removes and returns the decision's parked updates, in arrival order. */
  abstract takeFor(manager: EntityManager, decisionId: string): Promise<ParkedUpdate[]>;

  /**
   * Removes and returns up to `limit` updates parked longer than `maxAgeMs` ago, oldest first, skipping
   * rows another transaction holds (an opening applying them, a second governance instance sweeping).
   */
  abstract takeExpired(manager: EntityManager, maxAgeMs: number, limit: number): Promise<ParkedUpdate[]>;
}
