import type { FieldProblem } from '@sanshe/contracts';

/** The hours feature's coded errors; interface/http/hours-error.filter.ts maps every code. */
export abstract class HoursError extends Error {
  abstract readonly code: string;
}

export class HoursInputInvalid extends HoursError {
  readonly code = 'hours-input-invalid';
  constructor(readonly problems: FieldProblem[]) {
    super(`invalid request: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`);
  }
}

export class HoursNotFound extends HoursError {
  readonly code = 'not-found';
}

/** Settled or past confirmBy (`hours-closed`), or answered by the committee already (`hours-answered`). */
export class HoursConflict extends HoursError {
  constructor(
    readonly code: 'hours-closed' | 'hours-answered',
    message: string,
  ) {
    super(message);
  }
}

export type AnyHoursError = HoursInputInvalid | HoursNotFound | HoursConflict;
