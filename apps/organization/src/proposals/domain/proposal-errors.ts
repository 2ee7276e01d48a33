import type { FieldProblem } from '@sanshe/contracts';

/**
 * What can go wrong with a proposal, as domain errors with a code; interface/http/proposal-error.filter.ts
 * maps every code to its HTTP reply (an exhaustive switch, so a new code cannot be forgotten there).
 */
export abstract class ProposalError extends Error {
  abstract readonly code: string;
}

/** A field is malformed, missing for the step asked, or breaks a rule of a proposal; each problem names it. */
export class ProposalInputInvalid extends ProposalError {
  readonly code = 'proposal-input-invalid';
  constructor(readonly problems: FieldProblem[]) {
    super(`invalid request: ${problems.map((p) => `${p.path || '/'} ${p.message}`).join('; ')}`);
  }
}

export class ProposalNotFound extends ProposalError {
  readonly code = 'proposal-not-found';
}

export class OrganizationNotFound extends ProposalError {
  readonly code = 'organization-not-found';
}

/** The command is not one the proposal's status allows; `allowed` names those it does. */
export class InvalidTransition extends ProposalError {
  readonly code = 'invalid-transition';
  constructor(
    readonly status: string,
    readonly attempted: string,
    readonly allowed: readonly string[],
  ) {
    super(
      `a proposal that is ${status} cannot be ${attempted}-ed; ` +
        (allowed.length ? `it allows ${allowed.join(', ')}` : 'it allows nothing any more'),
    );
  }
}

/** Only a registered organization submits or files (a provisional, suspended or deregistered one does not). */
export class OrganizationNotRegistered extends ProposalError {
  readonly code = 'organization-not-registered';
}

/** The proposal's community is not among those the organization serves. */
export class CommunityNotServed extends ProposalError {
  readonly code = 'community-not-served';
}

/** Filing is only for low-risk activities (the filing rule); each violation names its field. */
export class NotLowRisk extends ProposalError {
  readonly code = 'not-low-risk';
  constructor(
    readonly violations: FieldProblem[],
    readonly ruleVersion: number,
  ) {
    super(
      `not low-risk under filing rule v${ruleVersion}, submit it for a decision instead: ` +
        violations.map((v) => `${v.path} ${v.message}`).join('; '),
    );
  }
}

/** The need the proposal answers is closed in its community (learned from the community's events). */
export class NeedClosed extends ProposalError {
  readonly code = 'need-closed';
}

export type AnyProposalError =
  | ProposalInputInvalid
  | ProposalNotFound
  | OrganizationNotFound
  | InvalidTransition
  | OrganizationNotRegistered
  | CommunityNotServed
  | NotLowRisk
  | NeedClosed;
