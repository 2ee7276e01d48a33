import type { EntityManager } from 'typeorm';
import type { ActionView, AssessmentAction, Rejection } from './assessment-action';
import type { AssessorBinding } from './assessment';
import type { AssessorCandidate } from './assessor-eligibility';

export type NewBinding = Omit<AssessorBinding, 'closed' | 'result' | 'boundAt'>;

/** Bindings and what was sent for the seat; writes in the caller's transaction. */
export abstract class AssessmentRepository {
  /** Serialises bindings, so two verifications opening at once never both pick the least recently bound. */
  abstract lockBindings(manager: EntityManager): Promise<void>;
  /** Active certified social workers with their ties to `organizationId` and when each was last bound. */
  abstract candidates(manager: EntityManager, organizationId: string): Promise<AssessorCandidate[]>;
  /** Records the binding; false when the decision has one already (a redelivery: nothing written). */
  abstract insertBinding(manager: EntityManager, binding: NewBinding): Promise<boolean>;
  /** The binding, locked for the rest of the transaction when `manager` is given; null when none. */
  abstract find(decisionId: string, manager?: EntityManager): Promise<AssessorBinding | null>;
  abstract openRound(manager: EntityManager, decisionId: string, round: number, deadline: string | null): Promise<void>;
  abstract close(manager: EntityManager, decisionId: string, result: string): Promise<void>;
  /** A worker's bindings, newest first. */
  abstract listOfWorker(workerId: string): Promise<AssessorBinding[]>;
  /** What was sent for the seat under `actionKey`, or null. */
  abstract action(manager: EntityManager, decisionId: string, actionKey: string): Promise<AssessmentAction | null>;
  /** Inserts it; false when one with its key exists (nothing written). */
  abstract insertAction(manager: EntityManager, action: AssessmentAction): Promise<boolean>;
  /** Marks what talent sent as `eventId` refused; false when talent sent nothing for the seat with that id. */
  abstract rejectAction(manager: EntityManager, eventId: string, rejection: Rejection): Promise<boolean>;
  /** What was sent for the seat on these decisions, oldest first. */
  abstract actionsOf(decisionIds: readonly string[]): Promise<ActionView[]>;
}
