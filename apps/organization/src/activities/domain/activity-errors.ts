import type { FieldProblem } from '@sanshe/contracts';

/**
 * What can go wrong with an activity, as domain errors with a code; interface/http/activity-error.filter.ts
 * maps every code to its HTTP reply (an exhaustive switch, so a new code cannot be forgotten there).
 */
export abstract class ActivityError extends Error {
  abstract readonly code: string;
}

/** A field or parameter is malformed or breaks a rule; each problem names its field. */
export class ActivityInputInvalid extends ActivityError {
  readonly code = 'activity-input-invalid';
  constructor(readonly problems: FieldProblem[]) {
    super(`invalid request: ${problems.map((p) => `${p.path || '/'} ${p.message}`).join('; ')}`);
  }
}

export class ActivityNotFound extends ActivityError {
  readonly code = 'activity-not-found';
}

export class SessionNotFound extends ActivityError {
  readonly code = 'session-not-found';
}

export class OrganizationNotFound extends ActivityError {
  readonly code = 'organization-not-found';
}

/** The activity's status does not allow the command; `allowed` names what it does allow. */
export class InvalidTransition extends ActivityError {
  readonly code = 'invalid-transition';
  constructor(
    readonly status: string,
    readonly attempted: string,
    readonly allowed: readonly string[],
  ) {
    super(
      `an activity that is ${status} cannot ${attempted} ` +
        `(it allows ${allowed.length > 0 ? allowed.join(', ') : 'nothing: it is final'})`,
    );
  }
}

/** Completion needs at least one held session: a report of nothing is not a milestone. */
export class NoSessionHeld extends ActivityError {
  readonly code = 'no-session-held';
}

/** The session's status does not allow the change (attendance on a cancelled one, cancelling a held one). */
export class SessionStatusConflict extends ActivityError {
  readonly code = 'session-status-conflict';
  constructor(
    readonly sessionId: string,
    readonly sessionStatus: string,
    attempted: string,
  ) {
    super(`session ${sessionId} is ${sessionStatus}: it cannot ${attempted}`);
  }
}

export type AnyActivityError =
  | ActivityInputInvalid
  | ActivityNotFound
  | SessionNotFound
  | OrganizationNotFound
  | InvalidTransition
  | NoSessionHeld
  | SessionStatusConflict
  | MemberNotFound
  | ReportNotFound;

export class MemberNotFound extends ActivityError {
  readonly code = 'member-not-found';
}

/** The activity has no report: it is not completed. */
export class ReportNotFound extends ActivityError {
  readonly code = 'report-not-found';
}
