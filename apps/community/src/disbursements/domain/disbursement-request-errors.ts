import type { FieldProblem } from '@sanshe/contracts';

/** The disbursements feature's coded errors; interface/http/disbursement-request-error.filter.ts maps every code. */
export abstract class DisbursementRequestError extends Error {
  abstract readonly code: string;
}

export class RequestInputInvalid extends DisbursementRequestError {
  readonly code = 'request-input-invalid';
  constructor(readonly problems: FieldProblem[]) {
    super(`invalid request: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`);
  }
}

/** The party already objected to this tranche: the workflow takes one objection per party per tranche. */
export class AlreadyObjected extends DisbursementRequestError {
  readonly code = 'already-objected';
}

export type AnyDisbursementRequestError = RequestInputInvalid | AlreadyObjected;
