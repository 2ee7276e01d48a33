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

export type AnyVoteError = VoteInputInvalid;
