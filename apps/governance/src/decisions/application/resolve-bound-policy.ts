import type { DecisionPolicy } from '@sanshe/contracts';
import { PermanentEventError } from '@sanshe/messaging';
import type { AdministrativeAreas } from '../../administrative-areas/domain/administrative-areas';
import type { ControllerMap } from '../../parties/domain/controller-map';
import type { ControllerId } from '../../parties/domain/party-controller';
import type { PolicyRepository } from '../../policies/domain/policy.repository';
import { decisionAreaOf } from '../../policies/domain/policy-resolution';
import { bindDecisionPolicy } from './bind-decision-policy';

export interface BoundPolicy {
  policy: DecisionPolicy;
  controllerOf: (partyId: string) => ControllerId | null;
}

/**
 * The policy a decision of `kind` in `communityCode` would pin now: its program's (when it is about one),
 * else its community's, else its street's, else its district's, else the default, bound to the community,
 * street and district; with the controller
 * map read once. No policy at all is a permanent error (the event is dead-lettered with the reason and can
 * be replayed once one is set). Shared by the opening of a decision and the notice of a filing, which
 * seats the same parties a decision would.
 */
export async function resolveBoundPolicy(
  ports: { policies: PolicyRepository; areas: AdministrativeAreas; controllers: ControllerMap },
  kind: string,
  communityCode: string,
  programId?: string,
): Promise<BoundPolicy> {
  const lineage = await ports.areas.lineage(communityCode);
  const stored = await ports.policies.resolve(kind, decisionAreaOf(communityCode, lineage, programId));
  if (!stored) {
    throw new PermanentEventError(
      `no decision policy for ${kind} ${programId ? `of program ${programId} nor ` : ''}in community ${communityCode} ` +
        `(nor its street or district, nor district-wide): set one with PUT /policies/{policyId}`,
    );
  }
  const controllerOf = await ports.controllers.resolver();
  return { policy: bindDecisionPolicy(stored.policy, communityCode, lineage, controllerOf), controllerOf };
}
