import { Inject, Injectable, Optional } from '@nestjs/common';
import { ControllerMap } from '../domain/controller-map';
import { ControllerRepository } from '../domain/controller.repository';
import {
  type Channel,
  channelOf,
  type ControllerId,
  controllerOf,
  type ControllerRule,
} from '../domain/party-controller';
import { RegisteredControllers } from '../domain/registered-controllers';
import { CONFIGURED_CONTROLLER_RULES } from '../parties.tokens';

/** How long stored and registered rules are reused: a registration in this process re-reads at once. */
const CACHE_MS = 5_000;

interface InForce {
  rules: ControllerRule[];
  /** Parties nobody may speak for now (a suspended portal's), whatever the rules say. */
  silenced: ReadonlySet<string>;
}

/**
 * The controller map: stored rules (seeded by migration), then the registered portals' exact rules,
 * each overridden by the configured ones (GOVERNANCE_PARTY_CONTROLLERS) for the same pattern. Used by
 * policy validation and by the bridge's channel check on every vote, so it is cached briefly.
 */
@Injectable()
export class ReadControllersHandler extends ControllerMap {
  private cached?: { at: number; revision: number; inForce: Promise<InForce> };

  constructor(
    private readonly repository: ControllerRepository,
    @Inject(CONFIGURED_CONTROLLER_RULES) private readonly configured: readonly ControllerRule[],
    @Optional() private readonly registered?: RegisteredControllers,
  ) {
    super();
  }

  async rules(now = Date.now()): Promise<ControllerRule[]> {
    return (await this.inForce(now)).rules;
  }

  private inForce(now: number): Promise<InForce> {
    const revision = this.registered?.revision ?? 0;
    if (!this.cached || now - this.cached.at > CACHE_MS || this.cached.revision !== revision) {
      const inForce = Promise.all([this.repository.all(), this.registered?.read() ?? { rules: [], silenced: [] }]).then(
        ([stored, registered]) => {
          const overridden = (rule: ControllerRule, by: readonly ControllerRule[]) =>
            by.some((other) => other.partyPattern === rule.partyPattern);
          const below = [...stored.filter((rule) => !overridden(rule, registered.rules)), ...registered.rules];
          return {
            rules: [...below.filter((rule) => !overridden(rule, this.configured)), ...this.configured],
            silenced: new Set(registered.silenced),
          };
        },
      );
      inForce.catch(() => (this.cached = undefined)); // a failed read is retried by the next caller
      this.cached = { at: now, revision, inForce };
    }
    return this.cached.inForce;
  }

  async resolver(): Promise<(partyId: string) => ControllerId | null> {
    const { rules, silenced } = await this.inForce(Date.now());
    return (partyId) => (silenced.has(partyId) ? null : controllerOf(rules, partyId));
  }

  async resolve(
    partyId: string,
  ): Promise<{ partyId: string; controller: ControllerId | null; channel: Channel | null }> {
    const controller = (await this.resolver())(partyId);
    return { partyId, controller, channel: controller ? channelOf(controller) : null };
  }
}
