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

/** An unknown hours record or worker. */
export class HoursNotFound extends HoursError {
  readonly code = 'not-found';
}

export type HoursConflictCode =
  | 'worker-not-active'
  | 'activity-of-another-organization'
  | 'activity-in-another-community'
  | 'hours-already-recorded'
  | 'hours-settled-otherwise';

/** The hours cannot be recorded or settled as asked; `hoursId` names the record in the way, if any. */
export class HoursConflict extends HoursError {
  constructor(
    readonly code: HoursConflictCode,
    message: string,
    readonly hoursId?: string,
  ) {
    super(message);
  }
}

export type AnyHoursError = HoursInputInvalid | HoursNotFound | HoursConflict;
