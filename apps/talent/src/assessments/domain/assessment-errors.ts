import type { FieldProblem } from '@sanshe/contracts';

/** The assessments feature's coded errors; interface/http/assessment-error.filter.ts maps every code. */
export abstract class AssessmentError extends Error {
  abstract readonly code: string;
}

export class AssessmentInputInvalid extends AssessmentError {
  readonly code = 'assessment-input-invalid';
  constructor(readonly problems: FieldProblem[]) {
    super(`invalid request: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`);
  }
}

/** No binding for the decision: talent never saw it open, or it seats no independent assessor. */
export class AssessmentNotFound extends AssessmentError {
  readonly code = 'not-found';
}

export type AssessmentConflictCode =
  'assessor-unbound' | 'decision-closed' | 'wrong-round' | 'already-voted' | 'already-requested' | 'not-a-tranche';

export class AssessmentConflict extends AssessmentError {
  constructor(
    readonly code: AssessmentConflictCode,
    message: string,
    /** already-voted / already-requested: the event talent sent before. */
    readonly eventId?: string,
  ) {
    super(message);
  }
}

export type AnyAssessmentError = AssessmentInputInvalid | AssessmentNotFound | AssessmentConflict;
