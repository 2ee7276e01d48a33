import type { ControllerId, ControllerRule } from './party-controller';

/**
 * Who speaks for each party, as other features ask it (a port: the class is also its injection token):
 * policy validation sums seats per controller, the bridge checks a vote's channel against it.
 */
export abstract class ControllerMap {
  /** A synchronous lookup built from one read of the rules: null when nobody may speak for the party. */
  abstract resolver(): Promise<(partyId: string) => ControllerId | null>;

  /** Every rule in force (stored, registered, configured), by pattern: who may claim which party. */
  abstract rules(): Promise<ControllerRule[]>;
}
