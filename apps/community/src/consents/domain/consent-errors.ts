import type { FieldProblem } from '@sanshe/contracts';

/**
 * What can go wrong with a consent, as domain errors with a code; interface/http/consent-error.filter.ts
 * maps every code to its HTTP reply (an exhaustive switch). Who may not record or read is AccessDenied.
 */
export abstract class ConsentError extends Error {
  abstract readonly code: string;
}

/** A field or parameter is malformed or breaks a rule of consent; each problem names its field. */
export class ConsentInputInvalid extends ConsentError {
  readonly code = 'consent-input-invalid';
  constructor(readonly problems: FieldProblem[]) {
    super(`invalid request: ${problems.map((p) => `${p.path || '/'} ${p.message}`).join('; ')}`);
  }
}

/** No resident of the register has this pseudonymous id. */
export class ResidentNotFound extends ConsentError {
  readonly code = 'resident-not-found';
}

export type AnyConsentError = ConsentInputInvalid | ResidentNotFound;
