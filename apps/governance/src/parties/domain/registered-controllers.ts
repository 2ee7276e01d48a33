import type { ControllerRule } from './party-controller';

/** Controllers that registrations add (the portal registry), as the controller map reads them. */
export interface RegisteredControllerRules {
  /** One exact rule per party an active portal speaks for (itself and its speaksFor). */
  rules: ControllerRule[];
  /** Party ids nobody may speak for now: every party of a suspended portal. */
  silenced: string[];
}

/**
 * A source of controller rules beside the stored and configured ones (a port: the class is also its
 * injection token; the portals feature implements it). `revision` is bumped by each change this process
 * commits, so the map re-reads at once instead of after its cache.
 */
export abstract class RegisteredControllers {
  revision = 0;
  abstract read(): Promise<RegisteredControllerRules>;
}
