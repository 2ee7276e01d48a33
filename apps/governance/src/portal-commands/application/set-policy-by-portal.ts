import { Injectable } from '@nestjs/common';
import { type EventData, policyScopeOf } from '@sanshe/contracts';
import { SetPolicyHandler } from '../../policies/application/set-policy';
import {
  PolicyConflict,
  PolicyError,
  PolicyInputInvalid,
  PolicyRulesBroken,
} from '../../policies/domain/policy-errors';
import { covers, portalPartyId } from '../../portals/domain/portal';
import { PortalRepository } from '../../portals/domain/portal.repository';
import { type CommandRefusal, outsideJurisdiction } from './jurisdiction-check';

type SetRequested = EventData<'sanshe.portal.decision-policy.set-requested.v1'>;

export type SetPolicyByPortalResult =
  { accepted: { policyId: string; policyVersion: number; created: boolean } } | { refused: CommandRefusal };

/** How each policy refusal is answered: the same checks as PUT /policies, their reason as the reply's. */
const REFUSAL_CODES = new Map<Function, string>([
  [PolicyInputInvalid, 'policy-invalid'],
  [PolicyRulesBroken, 'policy-rules-broken'],
  [PolicyConflict, 'policy-conflict'],
]);

/**
 * A portal's sanshe.portal.decision-policy.set-requested.v1 (docs/decisions.md, "Policies by portal command"):
 * only a registered, active portal, and only for a community, street or district within its jurisdiction (not
 * the deployment's default nor a program's policy); then the same SetPolicyHandler as PUT /policies — schema,
 * no single veto or approval per party and per controller — with created_by `portal:<portalId>`. The policy is
 * stored in its own transaction, as over HTTP: a redelivery finds it unchanged and stores no new version.
 */
@Injectable()
export class SetPolicyByPortalHandler {
  constructor(
    private readonly portals: PortalRepository,
    private readonly setPolicy: SetPolicyHandler,
  ) {}

  async execute(portalId: string, { policyId, policy }: SetRequested): Promise<SetPolicyByPortalResult> {
    const portal = await this.portals.find(portalId);
    if (!portal) {
      const reason = `portal ${portalId} is not registered: only a registered portal, whose jurisdiction is known, sets policies`;
      return { refused: { code: 'unknown-portal', reason } };
    }
    const { level, code } = policyScopeOf(policy);
    if (level === 'default' || level === 'program' || code === null) {
      const reason = `a portal sets the policies of the areas it is registered for, not ${level === 'program' ? "a program's" : "the deployment's default"} (${policy.policyId})`;
      return { refused: { code: 'outside-jurisdiction', reason } };
    }
    if (!covers(portal, code)) return { refused: outsideJurisdiction(portal, `policy ${policy.policyId}`, code) };
    try {
      const { stored, created } = await this.setPolicy.execute({
        policyId,
        body: policy,
        createdBy: portalPartyId(portalId),
      });
      return { accepted: { policyId, policyVersion: stored.policy.version, created } };
    } catch (err) {
      const refusal = err instanceof PolicyError ? REFUSAL_CODES.get(err.constructor) : undefined;
      if (!refusal) throw err; // the database: the inbox retries
      return { refused: { code: refusal, reason: (err as Error).message } };
    }
  }
}
