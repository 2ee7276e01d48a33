import type { FieldProblem } from '@sanshe/contracts';

/** The votes feature's coded errors; interface/http/vote-error.filter.ts maps every code. */
export abstract class VoteError extends Error {
  abstract readonly code: string;
}

export class VoteInputInvalid extends VoteError {
  readonly code = 'vote-input-invalid';
  constructor(readonly problems: FieldProblem[]) {
    super(`invalid request: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`);
  }
}

/** An unknown decision, vote, filing or call-in. */
export class VoteNotFound extends VoteError {
  readonly code = 'not-found';
}

/**
 * The decision or filing does not wait on this party: it does not seat it, the decision is closed, or
 * the filing can no longer be called in (by this party: once).
 */
export class VoteConflict extends VoteError {
  constructor(
    readonly code: 'not-seated' | 'decision-closed' | 'call-in-closed',
    message: string,
  ) {
    super(message);
  }
}

export type AnyVoteError = VoteInputInvalid | VoteNotFound | VoteConflict;
