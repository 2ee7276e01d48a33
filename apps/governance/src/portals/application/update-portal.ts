import { Injectable } from '@nestjs/common';
import { portalUpdated } from '@sanshe/contracts';
import { OutboxWriter } from '@sanshe/messaging';
import { ControllerMap } from '../../parties/domain/controller-map';
import { RegisteredControllers } from '../../parties/domain/registered-controllers';
import { partiesOf, type Portal, portalData } from '../domain/portal';
import { PortalConflict, PortalNotFound } from '../domain/portal-errors';
import { UpdatePortalInput } from '../domain/portal-input';
import { PortalRepository } from '../domain/portal.repository';
import { claimsMessage, conflictingClaims } from '../domain/portal-rules';
import { parsePortalInput } from './parse-portal-input';
import { PolicyBreakCheck } from './policy-break-check';
import { PortalChannelOpener } from './portal-channel-opener';

const staleVersion = (portal: Portal, read: number) =>
  new PortalConflict(
    'stale-version',
    `portal ${portal.portalId} is at version ${portal.version}, not ${read}: read it again and reapply the change`,
    portal,
  );

const sameState = (a: Portal, b: Portal) =>
  JSON.stringify([a.name, [...a.jurisdiction].sort(), [...a.speaksFor].sort(), a.status]) ===
  JSON.stringify([b.name, [...b.jurisdiction].sort(), [...b.speaksFor].sort(), b.status]);

/**
 * Whether the change gives the portal parties to speak for: a new speaksFor, or a re-activation. A
 * suspension only silences a bloc every policy was checked not to need, so it is never refused for one.
 */
const addsControllers = (current: Portal, next: Portal) =>
  next.status === 'active' &&
  (current.status !== 'active' ||
    JSON.stringify([...current.speaksFor].sort()) !== JSON.stringify([...next.speaksFor].sort()));

/**
 * Changes a portal's name, jurisdiction, speaksFor or status, if `version` is still its latest (else
 * 409): stored as the next version with `portal.updated` through the outbox in one transaction. A change
 * that changes nothing stores nothing; one that would break a stored policy (a new speaksFor, a
 * re-activation) is refused. An active portal's channels are (re)opened after the commit.
 */
@Injectable()
export class UpdatePortalHandler {
  constructor(
    private readonly portals: PortalRepository,
    private readonly outbox: OutboxWriter,
    private readonly controllers: ControllerMap,
    private readonly registered: RegisteredControllers,
    private readonly opener: PortalChannelOpener,
    private readonly policyCheck: PolicyBreakCheck,
  ) {}

  async execute(portalId: string, body: unknown): Promise<{ portal: Portal; changed: boolean }> {
    const input = parsePortalInput(UpdatePortalInput, body, portalId);
    const rules = await this.controllers.rules();
    const result = await this.portals.locked(async (tx) => {
      const current = await tx.find(portalId);
      if (!current) throw new PortalNotFound(portalId);
      if (current.version !== input.version) throw staleVersion(current, input.version);
      const next: Portal = {
        ...current,
        name: input.name ?? current.name,
        jurisdiction: input.jurisdiction ?? current.jurisdiction,
        speaksFor: input.speaksFor ?? current.speaksFor,
        status: input.status ?? current.status,
      };
      if (sameState(current, next)) return { portal: current, changed: false };
      const parties = partiesOf(next);
      const claims = conflictingClaims(portalId, parties, await tx.claimsOn(parties, portalId), rules);
      if (claims.length > 0) throw new PortalConflict('party-claimed', claimsMessage(claims));
      if (addsControllers(current, next)) {
        await this.policyCheck.refuseBreaks(`changing portal ${portalId}`, rules, await tx.list(), next);
      }
      const updated = await tx.update(next, input.version);
      if (!updated) throw staleVersion(current, input.version); // cannot happen under the registry's lock
      await this.outbox.publish(tx.manager, {
        type: portalUpdated.type,
        id: `${portalUpdated.type}:${portalId}:v${updated.version}`,
        subject: portalId,
        data: portalData(updated),
      });
      return { portal: updated, changed: true };
    });
    if (result.changed) {
      this.registered.revision++;
      if (result.portal.status === 'active') void this.opener.open(result.portal);
    }
    return result;
  }
}
