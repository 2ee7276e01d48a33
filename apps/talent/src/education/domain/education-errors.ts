import type { FieldProblem } from '@sanshe/contracts';

/** What can go wrong in continuing education; interface/http/education-error.filter.ts maps every code. */
export abstract class EducationError extends Error {
  abstract readonly code: string;
}

export class EducationInputInvalid extends EducationError {
  readonly code = 'education-input-invalid';
  constructor(readonly problems: FieldProblem[]) {
    super(`invalid request: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`);
  }
}

/**
 * Each field well formed, but a rule against a stored value or today broken (hours past the program's, a
 * completion in the future): no schema states it (422).
 */
export class EducationRuleBroken extends EducationError {
  readonly code = 'education-rule-broken';
  constructor(readonly problems: FieldProblem[]) {
    super(`rule broken: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`);
  }
}

export class ProgramNotFound extends EducationError {
  readonly code = 'program-not-found';
  constructor(readonly programId: string) {
    super(`no training program ${programId}`);
  }
}

export class EducationWorkerNotFound extends EducationError {
  readonly code = 'worker-not-found';
  constructor(readonly workerId: string) {
    super(`no worker ${workerId} is registered`);
  }
}

export class ProgramExists extends EducationError {
  readonly code = 'program-exists';
  constructor(readonly programId: string) {
    super(`training program ${programId} already exists`);
  }
}

/** The same worker, program and day were recorded already. */
export class CompletionExists extends EducationError {
  readonly code = 'completion-exists';
  constructor(
    readonly workerId: string,
    readonly programId: string,
    readonly completedOn: string,
  ) {
    super(`worker ${workerId} completing ${programId} on ${completedOn} is recorded already`);
  }
}

export type AnyEducationError =
  | EducationInputInvalid
  | EducationRuleBroken
  | ProgramNotFound
  | EducationWorkerNotFound
  | ProgramExists
  | CompletionExists;
