import { Inject, Injectable } from '@nestjs/common';
import { ControllerMap } from '../domain/controller-map';
import { ControllerRepository } from '../domain/controller.repository';
import {
  type Channel,
  channelOf,
  type ControllerId,
  controllerOf,
  type ControllerRule,
} from '../domain/party-controller';
import { CONFIGURED_CONTROLLER_RULES } from '../parties.tokens';

/** How long stored rules are reused: they change only by migration or restart today. */
const CACHE_MS = 5_000;

/**
 * The controller map: stored rules (seeded by migration), overridden by the configured ones
 * (GOVERNANCE_PARTY_CONTROLLERS) for the same pattern. Used by policy validation and by the bridge's
 * channel check on every vote, so it is cached briefly.
 */
@Injectable()
export class ReadControllersHandler extends ControllerMap {
  private cached?: { at: number; rules: Promise<ControllerRule[]> };

  constructor(
    private readonly repository: ControllerRepository,
    @Inject(CONFIGURED_CONTROLLER_RULES) private readonly configured: readonly ControllerRule[],
  ) {
    super();
  }

  rules(now = Date.now()): Promise<ControllerRule[]> {
    if (!this.cached || now - this.cached.at > CACHE_MS) {
      const rules = this.repository
        .all()
        .then((stored) => [
          ...stored.filter((rule) => !this.configured.some((c) => c.partyPattern === rule.partyPattern)),
          ...this.configured,
        ]);
      rules.catch(() => (this.cached = undefined)); // a failed read is retried by the next caller
      this.cached = { at: now, rules };
    }
    return this.cached.rules;
  }

  async resolver(): Promise<(partyId: string) => ControllerId | null> {
    const rules = await this.rules();
    return (partyId) => controllerOf(rules, partyId);
  }

  async resolve(
    partyId: string,
  ): Promise<{ partyId: string; controller: ControllerId | null; channel: Channel | null }> {
    const controller = controllerOf(await this.rules(), partyId);
    return { partyId, controller, channel: controller ? channelOf(controller) : null };
  }
}
