import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventType, SansheEvent } from '@sanshe/contracts';
import { covers, type Portal } from '../../portals/domain/portal';
import { PortalRepository } from '../../portals/domain/portal.repository';
import { type CommandSubject, commandSubject } from '../domain/command-subject';
import { SubjectAreas } from '../domain/subject-areas';

/** Why a portal's command is refused before it is applied: a kebab-case code and a reason for people. */
export interface CommandRefusal {
  code: string;
  reason: string;
}

const described = (subject: CommandSubject) =>
  subject.kind === 'decision'
    ? subject.decisionId
    : subject.kind === 'filing'
      ? `the filing of ${subject.proposalId}`
      : subject.kind === 'grant'
        ? `grant ${subject.grantId}`
        : 'the command';

/** The refusal of a command about `area` by a portal whose jurisdiction does not cover it. */
export const outsideJurisdiction = (portal: Pick<Portal, 'portalId' | 'jurisdiction'>, what: string, area: string) => ({
  code: 'outside-jurisdiction',
  reason:
    `${what} is about ${area}, outside the jurisdiction of portal ${portal.portalId} ` +
    `(${portal.jurisdiction.join(', ')}): a portal acts only on the areas it is registered for`,
});

/**
 * Before governance applies a portal's command (docs/events.md, "Portal commands and replies"): a registered
 * portal must be active, and the command's subject — the decision's, the filing's or the grant's community —
 * within its jurisdiction (`covers`). A portal the registry does not know (heard through GOVERNANCE_PORTALS
 * only) has no jurisdiction known: nothing is checked, as before the registry. Nor is a subject whose area
 * governance does not know yet (a decision not opened): the command's own handler parks or refuses it.
 */
@Injectable()
export class PortalJurisdictionCheck {
  constructor(
    private readonly portals: PortalRepository,
    private readonly areas: SubjectAreas,
  ) {}

  async refusal(
    manager: EntityManager,
    portalId: string,
    event: SansheEvent<EventType>,
  ): Promise<CommandRefusal | null> {
    const portal = await this.portals.find(portalId);
    if (!portal) return null;
    if (portal.status !== 'active') {
      return { code: 'portal-suspended', reason: `portal ${portalId} is ${portal.status}: it acts on nothing` };
    }
    const subject = commandSubject(event);
    const area = await this.areaOf(manager, subject);
    return area === null || covers(portal, area) ? null : outsideJurisdiction(portal, described(subject), area);
  }

  private areaOf(manager: EntityManager, subject: CommandSubject): Promise<string | null> {
    switch (subject.kind) {
      case 'decision':
        return this.areas.ofDecision(manager, subject.decisionId);
      case 'filing':
        return this.areas.ofFiling(manager, subject.proposalId);
      case 'grant':
        return this.areas.ofGrant(subject.grantId);
      case 'own-check':
        return Promise.resolve(null);
    }
  }
}
