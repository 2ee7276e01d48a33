import type { FieldProblem } from '@sanshe/contracts';

/**
 * What can go wrong with an evaluation or the weights, as domain errors with a code; the HTTP filter
 * (interface/http/evaluation-error.filter.ts) maps every code, so a new one cannot be forgotten there.
 */
export abstract class EvaluationError extends Error {
  abstract readonly code: string;
}

/** A field, parameter or weight rule is broken; each problem names its field. Nothing was written. */
export class EvaluationInputInvalid extends EvaluationError {
  readonly code = 'evaluation-input-invalid';
  constructor(
    readonly problems: FieldProblem[],
    subject = 'request',
  ) {
    super(`invalid ${subject}: ${problems.map((p) => `${p.path || '/'} ${p.message}`).join('; ')}`);
  }
}

/** Each weight well formed, but the rule between them broken (no schema states it): 422, nothing written. */
export class WeightsRuleBroken extends EvaluationError {
  readonly code = 'weights-rule-broken';
  constructor(
    readonly problems: FieldProblem[],
    subject: string,
  ) {
    super(`rule broken by the ${subject}: ${problems.map((p) => `${p.path || '/'} ${p.message}`).join('; ')}`);
  }
}

export class ActivityNotFound extends EvaluationError {
  readonly code = 'activity-not-found';
  constructor(readonly activityId: string) {
    super(`no completed activity ${activityId} is known here (it arrives with organization.activity.completed)`);
  }
}

export class CommunityNotFound extends EvaluationError {
  readonly code = 'community-not-found';
  constructor(readonly communityCode: string) {
    super(`community ${communityCode} is not registered (PUT /communities/${communityCode} first)`);
  }
}

export class OrganizationNotRated extends EvaluationError {
  readonly code = 'organization-not-rated';
  constructor(readonly organizationId: string) {
    super(`organization ${organizationId} has no scored activity yet, so no rating`);
  }
}

/** The caller lacks the role and party this kind of evaluation needs. */
export class EvaluatorNotAllowed extends EvaluationError {
  readonly code = 'evaluator-not-allowed';
}

/** A peer evaluation by the evaluated organization itself. */
export class OwnOrganization extends EvaluationError {
  readonly code = 'own-organization';
  constructor(readonly organizationId: string) {
    super(`organization ${organizationId} cannot evaluate its own activity as a peer`);
  }
}

/** The activity's evaluation window has closed: evaluations no longer count. */
export class EvaluationClosed extends EvaluationError {
  readonly code = 'evaluation-closed';
}

export class AlreadyEvaluated extends EvaluationError {
  readonly code = 'already-evaluated';
}

/** The activity listed who took part, and this resident is not among them. */
export class NotAParticipant extends EvaluationError {
  readonly code = 'not-a-participant';
  constructor(
    readonly activityId: string,
    readonly residentId: string,
  ) {
    super(`resident ${residentId} is not among the participants that activity ${activityId} reported`);
  }
}

export type AnyEvaluationError =
  | EvaluationInputInvalid
  | WeightsRuleBroken
  | ActivityNotFound
  | CommunityNotFound
  | OrganizationNotRated
  | EvaluatorNotAllowed
  | OwnOrganization
  | EvaluationClosed
  | AlreadyEvaluated
  | NotAParticipant;
