import type { EntityManager } from 'typeorm';
import type { Payment, PaymentFailure } from './payment';
import type { RailAcceptance } from './payment-rail';

/** A payment as instructed, before the row exists (status instructed, attempt 1). */
export type NewPayment = Omit<Payment, 'status' | 'attempt' | 'settledAt' | 'confirmedBy' | 'failure'>;

/** What settling records: when, the rail's reference and, on the portal rail, who confirmed. */
export interface Settlement {
  settledAt: Date;
  railReference: string;
  confirmedBy: string | null;
}

/** The grant a payment pays, as payments need it (a port onto the grants feature's table). */
export interface PayableGrant {
  grantId: string;
  programId: string;
  organizationId: string;
  communityCode: string;
  funderId: string;
  currency: string;
  status: 'awarded' | 'active' | 'voided' | 'completed';
  /** The activated schedule; null before activation. */
  tranches: { trancheNo: number; amountFen: number }[] | null;
}

/**
 * Payments' storage. Every method runs in the caller's transaction (`manager`). The `ForUpdate` reads lock
 * the row until that transaction ends, so a concurrent settle, failure or retry waits and then sees the outcome.
 */
export abstract class PaymentRepository {
  /** Inserts the payment unless its grant and tranche have one: the inserted row, or null (another exists). */
  abstract insertIfAbsent(manager: EntityManager, payment: NewPayment): Promise<Payment | null>;
  /** What the rail said when the payment was submitted (its settle time, its reference). */
  abstract recordAcceptance(manager: EntityManager, paymentId: string, acceptance: RailAcceptance): Promise<Payment>;
  abstract findByTranche(manager: EntityManager, grantId: string, trancheNo: number): Promise<Payment | null>;
  abstract findById(manager: EntityManager, paymentId: string): Promise<Payment | null>;
  abstract findForUpdate(manager: EntityManager, paymentId: string): Promise<Payment | null>;
  abstract listByGrant(manager: EntityManager, grantId: string): Promise<Payment[]>;
  /** Internal-rail payments still instructed whose settle_after is at or before `at`, oldest first. */
  abstract dueForSettlement(
    manager: EntityManager,
    at: Date,
    limit: number,
  ): Promise<{ paymentId: string; attempt: number }[]>;
  abstract markSettled(manager: EntityManager, paymentId: string, settlement: Settlement): Promise<Payment>;
  abstract markFailed(manager: EntityManager, paymentId: string, failure: PaymentFailure): Promise<Payment>;
  /** A failed payment instructed again: attempt + 1, status instructed, the rail's new acceptance. */
  abstract markRetried(
    manager: EntityManager,
    paymentId: string,
    acceptance: RailAcceptance,
    instructedAt: Date,
  ): Promise<Payment>;

  /** The grant, unlocked (for reads). */
  abstract grant(manager: EntityManager, grantId: string): Promise<PayableGrant | null>;
  /** The grant, share-locked (its status cannot change until the caller's transaction ends). */
  abstract grantForShare(manager: EntityManager, grantId: string): Promise<PayableGrant | null>;
  /** The grant, locked against other payments' settlement of the same grant. */
  abstract grantForUpdate(manager: EntityManager, grantId: string): Promise<PayableGrant | null>;
  /** Marks an active grant completed; false when it was not active. */
  abstract completeGrant(manager: EntityManager, grantId: string): Promise<boolean>;
}
