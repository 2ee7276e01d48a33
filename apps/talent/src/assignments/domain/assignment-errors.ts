import type { FieldProblem } from '@sanshe/contracts';

/** The assignments feature's coded errors; interface/http/assignment-error.filter.ts maps every code. */
export abstract class AssignmentError extends Error {
  abstract readonly code: string;
}

export class AssignmentInputInvalid extends AssignmentError {
  readonly code = 'assignment-input-invalid';
  constructor(readonly problems: FieldProblem[]) {
    super(`invalid request: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`);
  }
}

/** Each field well formed, but endsAt not after startsAt: a rule between fields no schema states (422). */
export class AssignmentRuleBroken extends AssignmentError {
  readonly code = 'assignment-rule-broken';
  constructor(readonly problems: FieldProblem[]) {
    super(`rule broken: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`);
  }
}

/** An unknown activity, worker or assignment. */
export class AssignmentNotFound extends AssignmentError {
  readonly code = 'not-found';
}

export type AssignmentConflictCode =
  'double-booked' | 'certificate-expired' | 'role-mismatch' | 'not-of-organization' | 'activity-cancelled';

export class AssignmentConflict extends AssignmentError {
  constructor(
    readonly code: AssignmentConflictCode,
    message: string,
    /** double-booked: the active assignment of the worker that overlaps. */
    readonly conflictingAssignmentId?: string,
  ) {
    super(message);
  }
}

export type AnyAssignmentError =
  AssignmentInputInvalid | AssignmentRuleBroken | AssignmentNotFound | AssignmentConflict;
