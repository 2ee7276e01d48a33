import type { EntityManager } from 'typeorm';
import type { IndicatorState } from './crossings';
import type { WorkforceFigures } from './indicators';

/** Workforce health's reads of the organization's workers, and its crossing states; writes join the caller's transaction. */
export abstract class WorkforceRepository {
  /** Serializes evaluations of one organization until the transaction ends (two worker changes at once cross once). */
  abstract lockOrganization(manager: EntityManager, organizationId: string): Promise<void>;
  /** The organization's figures on `today` (a calendar date): active workers by kind, leavings within 365 days. */
  abstract figuresOf(organizationId: string, today: string, manager?: EntityManager): Promise<WorkforceFigures>;
  abstract statesOf(organizationId: string, manager?: EntityManager): Promise<IndicatorState[]>;
  abstract saveState(manager: EntityManager, state: IndicatorState): Promise<void>;
  /** Every organization with workers or a state: what the daily pass re-evaluates. */
  abstract organizations(): Promise<string[]>;
}
