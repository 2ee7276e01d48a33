import { Injectable } from '@nestjs/common';
import { portalRegistered } from '@sanshe/contracts';
import { OutboxWriter } from '@sanshe/messaging';
import { ControllerMap } from '../../parties/domain/controller-map';
import { RegisteredControllers } from '../../parties/domain/registered-controllers';
import { partiesOf, type Portal, portalData, type PortalRegistration, sameRegistration } from '../domain/portal';
import { PortalConflict } from '../domain/portal-errors';
import { RegisterPortalInput } from '../domain/portal-input';
import { PortalRepository } from '../domain/portal.repository';
import { claimsMessage, conflictingClaims } from '../domain/portal-rules';
import { parsePortalInput } from './parse-portal-input';
import { PolicyBreakCheck } from './policy-break-check';
import { PortalChannelOpener } from './portal-channel-opener';

export interface RegisterPortalCommand {
  body: unknown;
  /** The operator's token subject. */
  registeredBy: string;
}

/**
 * Registers a portal: checked (schema, speaksFor, one controller per party, no stored policy broken by the
 * parties it speaks for), stored at version 1 with `portal.registered` through the outbox in one
 * transaction; then its channels are opened. The same
 * registration again changes nothing (created: false); another under a registered id is a conflict.
 */
@Injectable()
export class RegisterPortalHandler {
  constructor(
    private readonly portals: PortalRepository,
    private readonly outbox: OutboxWriter,
    private readonly controllers: ControllerMap,
    private readonly registered: RegisteredControllers,
    private readonly opener: PortalChannelOpener,
    private readonly policyCheck: PolicyBreakCheck,
  ) {}

  async execute(command: RegisterPortalCommand): Promise<{ portal: Portal; created: boolean }> {
    const input = parsePortalInput(RegisterPortalInput, command.body);
    const registration: PortalRegistration = { ...input, speaksFor: input.speaksFor ?? [] };
    const rules = await this.controllers.rules();
    const result = await this.portals.locked(async (tx) => {
      const existing = await tx.find(registration.portalId);
      if (existing) {
        if (sameRegistration(existing, registration)) return { portal: existing, created: false };
        throw new PortalConflict(
          'portal-exists',
          `portal ${existing.portalId} is registered with other details (version ${existing.version}): PATCH it to change them`,
          existing,
        );
      }
      const parties = partiesOf(registration);
      const claims = conflictingClaims(
        registration.portalId,
        parties,
        await tx.claimsOn(parties, input.portalId),
        rules,
      );
      if (claims.length > 0) throw new PortalConflict('party-claimed', claimsMessage(claims));
      const entry = { ...registration, status: 'active' as const };
      await this.policyCheck.refuseBreaks(`registering portal ${entry.portalId}`, rules, await tx.list(), entry);
      const portal = await tx.insert({
        ...registration,
        status: 'active',
        registeredBy: command.registeredBy,
        version: 1,
      });
      await this.outbox.publish(tx.manager, {
        type: portalRegistered.type,
        id: `${portalRegistered.type}:${portal.portalId}:v1`,
        subject: portal.portalId,
        data: portalData(portal),
      });
      return { portal, created: true };
    });
    if (result.created) {
      this.registered.revision++;
      void this.opener.open(result.portal);
    }
    return result;
  }
}
