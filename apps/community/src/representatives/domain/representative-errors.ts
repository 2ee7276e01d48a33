import type { FieldProblem } from '@sanshe/contracts';
import type { RepresentativeBody } from './representative';

/** Representatives' coded errors; interface/http/representative-error.filter.ts maps every code. */
export abstract class RepresentativeError extends Error {
  abstract readonly code: string;
}

export class RepresentativeInputInvalid extends RepresentativeError {
  readonly code = 'representative-input-invalid';
  constructor(readonly problems: FieldProblem[]) {
    super(`invalid request: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`);
  }
}

/** Each field well formed, but the term ends before it starts: a rule between fields no schema states (422). */
export class RepresentativeRuleBroken extends RepresentativeError {
  readonly code = 'representative-rule-broken';
  constructor(readonly problems: FieldProblem[]) {
    super(`rule broken: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`);
  }
}

export class RepresentativeNotFound extends RepresentativeError {
  readonly code = 'representative-not-found';
}

/** The person already sits in an active body of this community (the committee, or the residents' representatives). */
export class AlreadyRepresents extends RepresentativeError {
  readonly code = 'already-represents';
  constructor(
    readonly body: RepresentativeBody,
    readonly representativeId: string,
  ) {
    super(
      `this person already represents the community in the ${body} body (${representativeId}); ` +
        'a person sits in one body per community',
    );
  }
}

export class AlreadyEnded extends RepresentativeError {
  readonly code = 'already-ended';
  constructor(readonly representativeId: string) {
    super(`representative ${representativeId} has already left their body`);
  }
}

export type AnyRepresentativeError =
  RepresentativeInputInvalid | RepresentativeRuleBroken | RepresentativeNotFound | AlreadyRepresents | AlreadyEnded;
