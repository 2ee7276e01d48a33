import type { FieldProblem } from '@sanshe/contracts';
import type { RequestConflict } from './disbursement-request';

/** The disbursement requests' coded errors; interface/http/disbursement-request-error.filter.ts maps every code. */
export abstract class DisbursementRequestError extends Error {
  abstract readonly code: string;
}

export class RequestInputInvalid extends DisbursementRequestError {
  readonly code = 'request-input-invalid';
  constructor(readonly problems: FieldProblem[]) {
    super(`invalid request: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`);
  }
}

export class RequestGrantNotFound extends DisbursementRequestError {
  readonly code = 'grant-not-found';
}

/** The grant does not take the request as it stands (not active, tranche not paid, more than it paid). */
export class RequestRefused extends DisbursementRequestError {
  readonly code: RequestConflict['code'];
  constructor(readonly conflict: RequestConflict) {
    super(conflict.message);
    this.code = conflict.code;
  }
}

/** The funder asked this already and governance has not refused it: an objection per tranche, one cancellation. */
export class AlreadyRequested extends DisbursementRequestError {
  constructor(
    readonly code: 'already-objected' | 'cancellation-pending',
    message: string,
  ) {
    super(message);
  }
}

export type AnyDisbursementRequestError =
  RequestInputInvalid | RequestGrantNotFound | RequestRefused | AlreadyRequested;
