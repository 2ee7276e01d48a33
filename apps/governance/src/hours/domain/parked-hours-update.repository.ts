import type { EntityManager } from 'typeorm';
import type { EventType, SansheEvent } from '@sanshe/contracts';
import type { ConfirmHoursRequest, DisputeHoursRequest } from '@sanshe/workflows';

export type HoursUpdate =
  { kind: 'confirm'; request: ConfirmHoursRequest } | { kind: 'dispute'; request: DisputeHoursRequest };

/** A confirm or dispute that arrived before its hours workflow started. */
export type ParkedHoursUpdate = HoursUpdate & {
  workflowId: string;
  /** The event that carried it: its identity is the update id, and a refusal names it. */
  event: SansheEvent<EventType>;
};

/** The updates waiting for their hours workflow (a port). Every method joins the caller's transaction. */
export abstract class ParkedHoursUpdateRepository {
  /** Serializes "no workflow, so park" with "started, so apply what is parked", per workflow. */
  abstract lock(manager: EntityManager, workflowId: string): Promise<void>;

  /** Parks `update`, unless its event is parked already. */
  abstract park(manager: EntityManager, update: ParkedHoursUpdate): Promise<void>;

  /** Removes and returns the workflow's parked updates, in arrival order. */
  abstract takeFor(manager: EntityManager, workflowId: string): Promise<ParkedHoursUpdate[]>;

  /**
   * Removes and returns up to `limit` updates parked longer than `maxAgeMs`, in arrival order, skipping
   * rows another transaction holds (a start applying them, another instance refusing them).
   */
  abstract takeExpired(manager: EntityManager, maxAgeMs: number, limit: number): Promise<ParkedHoursUpdate[]>;
}
