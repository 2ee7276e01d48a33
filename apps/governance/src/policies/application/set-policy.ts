import { Injectable } from '@nestjs/common';
import { DecisionPolicyInput, type FieldProblem, schemaProblems } from '@sanshe/contracts';
import { validatePolicy } from '@sanshe/workflows';
import { ControllerMap } from '../../parties/domain/controller-map';
import { PolicyInputInvalid, PolicyRulesBroken } from '../domain/policy-errors';
import { PolicyRepository } from '../domain/policy.repository';
import { scopeProblems } from '../domain/policy-jurisdiction';
import { decideVersion } from '../domain/policy-versioning';
import type { StoredPolicy } from '../domain/stored-policy';

/** PUT /policies/:policyId (and, once portals integrate, their command): store `body` as `policyId`'s next version. */
export interface SetPolicyCommand {
  /** The id the caller addressed (the URL path); the body must carry the same one. */
  policyId: string;
  /** Unvalidated: the handler checks it against DecisionPolicyInput. */
  body: unknown;
  createdBy: string | null;
}

export interface SetPolicyResult {
  stored: StoredPolicy;
  /** false when the body equals the latest version: nothing new was stored (an idempotent repeat). */
  created: boolean;
}

/** `GET /policies/resolve` shares the path segment of a policy id, so no policy may be called that. */
const RESERVED_IDS = new Set(['resolve']);

/**
 * Sets a policy: the contract's schema first (which field is wrong), then the no-single-veto rules per
 * party and per controller, with the current controller map (which party or controller breaks them),
 * and only then a write. A refused policy changes nothing.
 */
@Injectable()
export class SetPolicyHandler {
  constructor(
    private readonly policies: PolicyRepository,
    private readonly controllers: ControllerMap,
  ) {}

  async execute({ policyId, body, createdBy }: SetPolicyCommand): Promise<SetPolicyResult> {
    return this.store(await this.checked(policyId, body), createdBy);
  }

  /** `body` as a policy `policyId` may be, or the first refusal: PolicyInputInvalid, then PolicyRulesBroken. */
  async checked(policyId: string, body: unknown): Promise<DecisionPolicyInput> {
    const problems = schemaProblems(DecisionPolicyInput, body);
    if (problems.length === 0) {
      problems.push(
        ...idProblems(policyId, body as DecisionPolicyInput),
        ...scopeProblems(body as DecisionPolicyInput),
      );
    }
    if (problems.length > 0) throw new PolicyInputInvalid(problems, `policy ${policyId}`);

    const input = body as DecisionPolicyInput;
    const violations = validatePolicy(input, await this.controllers.resolver());
    if (violations.length > 0) throw new PolicyRulesBroken(policyId, violations);
    return input;
  }

  /** Stores a checked policy as its next version, unless it equals the latest (PolicyConflict on a scope clash). */
  store(input: DecisionPolicyInput, createdBy: string | null): Promise<SetPolicyResult> {
    return this.policies.append(input, createdBy, (latest, scopeHolder) => decideVersion(input, latest, scopeHolder));
  }
}

function idProblems(pathId: string, input: DecisionPolicyInput): FieldProblem[] {
  if (input.policyId !== pathId) {
    return [{ path: '/policyId', message: `must equal the policy id in the URL (${pathId}), not ${input.policyId}` }];
  }
  if (RESERVED_IDS.has(pathId)) return [{ path: '/policyId', message: `"${pathId}" is reserved` }];
  return [];
}
