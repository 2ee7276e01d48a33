import type { FieldProblem } from '@sanshe/contracts';

/**
 * What can go wrong with a need, as domain errors with a code; interface/http/need-error.filter.ts maps
 * every code to its HTTP reply (an exhaustive switch, so a new code cannot be forgotten there).
 */
export abstract class NeedError extends Error {
  abstract readonly code: string;
}

/** A field or parameter is malformed or breaks a rule of a need; each problem names its field. */
export class NeedInputInvalid extends NeedError {
  readonly code = 'need-input-invalid';
  constructor(readonly problems: FieldProblem[]) {
    super(`invalid request: ${problems.map((p) => `${p.path || '/'} ${p.message}`).join('; ')}`);
  }
}

/** Each field well formed, but the period ends before it starts: a rule between fields no schema states (422). */
export class NeedRuleBroken extends NeedError {
  readonly code = 'need-rule-broken';
  constructor(readonly problems: FieldProblem[]) {
    super(`rule broken: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`);
  }
}

export class NeedNotFound extends NeedError {
  readonly code = 'need-not-found';
}

/** A need is published for a community the hierarchy holds; anything else is a typo or another district's. */
export class CommunityNotFound extends NeedError {
  readonly code = 'community-not-found';
}

/** The need is closed: nothing changes it any more. `allowed` lists what each status permits. */
export class NeedClosed extends NeedError {
  readonly code = 'need-closed';
  constructor(
    readonly needId: string,
    readonly allowed: Record<string, readonly string[]>,
  ) {
    super(
      `need ${needId} is closed and allows no transition ` +
        `(open allows ${allowed.open?.join(', ')}; matched allows ${allowed.matched?.join(', ')})`,
    );
  }
}

export type AnyNeedError = NeedInputInvalid | NeedRuleBroken | NeedNotFound | CommunityNotFound | NeedClosed;
