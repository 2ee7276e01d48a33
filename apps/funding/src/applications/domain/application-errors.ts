import type { FieldProblem } from '@sanshe/contracts';
import type { ApplicationStatus } from './application';

/** The applications feature's coded errors; interface/http/application-error.filter.ts maps every code. */
export abstract class ApplicationError extends Error {
  abstract readonly code: string;
}

export class ApplicationInputInvalid extends ApplicationError {
  readonly code = 'application-input-invalid';
  constructor(readonly problems: FieldProblem[]) {
    super(`invalid request: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`);
  }
}

export class ApplicationNotFound extends ApplicationError {
  readonly code = 'application-not-found';
  constructor(readonly applicationId: string) {
    super(`no application ${applicationId}`);
  }
}

/** Only a received application (eligible, not yet awarded or declined) is awarded or declined. */
export class ApplicationNotOpen extends ApplicationError {
  readonly code = 'application-not-open';
  constructor(
    readonly applicationId: string,
    readonly status: ApplicationStatus,
  ) {
    super(`application ${applicationId} is ${status}: only a received application is awarded or declined`);
  }
}

export type AnyApplicationError = ApplicationInputInvalid | ApplicationNotFound | ApplicationNotOpen;
