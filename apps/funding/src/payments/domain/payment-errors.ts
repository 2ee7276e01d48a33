/**
 * Payments' coded errors. The activities map each to a non-retryable ApplicationFailure of the same type
 * (retrying cannot help); the HTTP filter maps each to its status.
 */
export abstract class PaymentError extends Error {
  abstract readonly code:
    | 'GrantNotFound'
    | 'GrantNotActive'
    | 'TrancheNotFound'
    | 'PaymentNotFound'
    | 'PaymentNotFailed'
    | 'PaymentInputInvalid';

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class GrantNotFound extends PaymentError {
  readonly code = 'GrantNotFound';
}
export class GrantNotActive extends PaymentError {
  readonly code = 'GrantNotActive';
}
export class TrancheNotFound extends PaymentError {
  readonly code = 'TrancheNotFound';
}
export class PaymentNotFound extends PaymentError {
  readonly code = 'PaymentNotFound';
}
/** A retry of a payment that has not failed (instructed or settled): nothing to instruct again. */
export class PaymentNotFailed extends PaymentError {
  readonly code = 'PaymentNotFailed';
}
/** A malformed request (an id no payment or grant could have); `problems` name the fields. */
export class PaymentInputInvalid extends PaymentError {
  readonly code = 'PaymentInputInvalid';

  constructor(readonly problems: { path: string; message: string }[]) {
    super(problems.map((p) => `${p.path} ${p.message}`).join('; '));
  }
}

export type AnyPaymentError =
  GrantNotFound | GrantNotActive | TrancheNotFound | PaymentNotFound | PaymentNotFailed | PaymentInputInvalid;
