import type { EntityManager } from 'typeorm';
import type { StaffRole } from '@sanshe/contracts';

/** Confirmed hours, as the hours feature settles them. */
export interface ConfirmedHours {
  hoursId: string;
  workerId: string;
  organizationId: string;
  workerKind: StaffRole;
  minutes: number;
}

/** A completed training, as the education feature records it. */
export interface CompletedTraining {
  workerId: string;
  organizationId: string | null;
  programId: string;
  completedOn: string;
  /** Hours of training, one decimal. */
  hours: number;
  recordedBy: string;
}

/**
 * The rewards feature's port for the features whose facts earn points (exported by RewardsModule). Each
 * call joins the caller's transaction, so the points commit with the fact or not at all, and earns once
 * per cause: calling it again for the same hours or completion adds nothing.
 */
export abstract class RewardsLedger {
  /**
   * Serializes the worker's ledger until the transaction ends: take it before reading the figures a
   * recognition depends on (confirmed volunteer minutes), so that concurrent confirmations see each other.
   */
  abstract lockWorker(manager: EntityManager, workerId: string): Promise<void>;
  /**
   * Points for confirmed hours and, for a volunteer, the star levels `volunteerMinutes` (their confirmed
   * volunteer minutes, these included) reaches for the first time: recognition.awarded once per level.
   */
  abstract earnForHours(manager: EntityManager, hours: ConfirmedHours, volunteerMinutes: number): Promise<void>;
  abstract earnForTraining(manager: EntityManager, training: CompletedTraining): Promise<void>;
}
