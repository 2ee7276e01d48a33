import type { FieldProblem } from '@sanshe/contracts';
import type { PolicyViolation } from '@sanshe/workflows';

/**
 * What can go wrong with a policy, as domain errors with a code; each transport maps every code
 * (interface/http/policy-error.filter.ts for HTTP), so a new code cannot be forgotten there.
 */
export abstract class PolicyError extends Error {
  abstract readonly code: string;
}

/** The input breaks the contract's schema (or a request parameter is malformed); each problem names its field. */
export class PolicyInputInvalid extends PolicyError {
  readonly code = 'policy-input-invalid';
  constructor(
    readonly problems: FieldProblem[],
    subject = 'request',
  ) {
    super(`invalid ${subject}: ${problems.map((p) => `${p.path || '/'} ${p.message}`).join('; ')}`);
  }
}

/**
 * Well-formed, but it would let one party or one controller block or decide alone, or seat a party
 * nobody speaks for (docs/decisions.md); each violation names the party or the controller.
 */
export class PolicyRulesBroken extends PolicyError {
  readonly code = 'policy-rules-broken';
  constructor(
    readonly policyId: string,
    readonly violations: PolicyViolation[],
  ) {
    super(`policy ${policyId} is refused: ${violations.map((v) => v.message).join('; ')}`);
  }
}

export class PolicyNotFound extends PolicyError {
  readonly code = 'policy-not-found';
}

/** The change contradicts what is stored: a policy's scope is fixed, and a scope has one policy. */
export class PolicyConflict extends PolicyError {
  readonly code = 'policy-conflict';
  constructor(
    message: string,
    readonly conflictingPolicyId: string,
  ) {
    super(message);
  }
}

export type AnyPolicyError = PolicyInputInvalid | PolicyRulesBroken | PolicyNotFound | PolicyConflict;
