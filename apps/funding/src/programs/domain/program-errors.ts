import type { FieldProblem } from '@sanshe/contracts';

/** What can go wrong with programs, as coded errors; interface/http/program-error.filter.ts maps every code. */
export abstract class ProgramError extends Error {
  abstract readonly code: string;
}

/** A malformed request; each problem names its field (`/body/tranchePlan`, `/query/status`). */
export class ProgramInputInvalid extends ProgramError {
  readonly code = 'program-input-invalid';
  constructor(readonly problems: FieldProblem[]) {
    super(`invalid request: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`);
  }
}

export class ProgramNotFound extends ProgramError {
  readonly code = 'program-not-found';
  constructor(readonly programId: string) {
    super(`no program ${programId}`);
  }
}

/** A closed program takes no more changes. */
export class ProgramClosed extends ProgramError {
  readonly code = 'program-closed';
  constructor(readonly programId: string) {
    super(`program ${programId} is closed: it takes no more changes`);
  }
}

export type AnyProgramError = ProgramInputInvalid | ProgramNotFound | ProgramClosed;
