import type { EntityManager } from 'typeorm';

/** What the registrar decided: the organization is gone, for this reason, at this time. */
export interface Deregistration {
  organizationId: string;
  /** The registrar's reason, as given to POST /organizations/{id}/status. */
  reason: string;
  at: string;
}

/**
 * The order the features end an organization's work in. Activities go first, so each live one is
 * cancelled with the deregistration as its reason; a filed proposal's withdrawal then finds its
 * activity already cancelled and changes nothing more.
 */
export const DEREGISTRATION_PHASES = ['end-activities', 'withdraw-proposals'] as const;
export type DeregistrationPhase = (typeof DEREGISTRATION_PHASES)[number];

/** Ends one feature's work of the organization in the status change's transaction (`manager`). */
export type DeregistrationListener = (manager: EntityManager, deregistration: Deregistration) => Promise<void>;

interface Registered {
  feature: string;
  phase: DeregistrationPhase;
  listener: DeregistrationListener;
}

/**
 * The registry's port for what depends on it: proposals and activities register here in onModuleInit
 * (the registry imports neither, so no module cycle), and the status change calls every listener, phase
 * by phase, inside its own transaction. A listener that throws rolls the deregistration back.
 */
export class DeregistrationListeners {
  private readonly registered: Registered[] = [];

  register(feature: string, phase: DeregistrationPhase, listener: DeregistrationListener): void {
    if (this.registered.some((r) => r.feature === feature)) {
      throw new Error(`deregistration listener of ${feature} registered twice`);
    }
    this.registered.push({ feature, phase, listener });
  }

  /** The features registered, in the order they are called: by phase, then by registration. */
  features(): string[] {
    return inPhaseOrder(this.registered).map((r) => r.feature);
  }

  async notify(manager: EntityManager, deregistration: Deregistration): Promise<void> {
    for (const { listener } of inPhaseOrder(this.registered)) await listener(manager, deregistration);
  }
}

const inPhaseOrder = (registered: readonly Registered[]): Registered[] =>
  [...registered].sort((a, b) => DEREGISTRATION_PHASES.indexOf(a.phase) - DEREGISTRATION_PHASES.indexOf(b.phase));
