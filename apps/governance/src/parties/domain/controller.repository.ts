import type { ControllerRule } from './party-controller';

/** The stored controller rules (a port: the class is also its Nest injection token). */
export abstract class ControllerRepository {
  /** Every stored rule, by pattern. */
  abstract all(): Promise<ControllerRule[]>;
}
