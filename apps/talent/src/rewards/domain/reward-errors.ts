import type { FieldProblem } from '@sanshe/contracts';

/** The rewards feature's coded errors; interface/http/reward-error.filter.ts maps every code. */
export abstract class RewardError extends Error {
  abstract readonly code: string;
}

export class RewardInputInvalid extends RewardError {
  readonly code = 'reward-input-invalid';
  constructor(readonly problems: FieldProblem[]) {
    super(`invalid request: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`);
  }
}

/** An unknown worker. */
export class RewardNotFound extends RewardError {
  readonly code = 'not-found';
}

export type RewardConflictCode = 'insufficient-points' | 'already-recognized' | 'not-a-social-worker';

export class RewardConflict extends RewardError {
  constructor(
    readonly code: RewardConflictCode,
    message: string,
    /** The balance, for insufficient-points. */
    readonly balance?: number,
  ) {
    super(message);
  }
}

export type AnyRewardError = RewardInputInvalid | RewardNotFound | RewardConflict;
