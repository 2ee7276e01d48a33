import type { FieldProblem } from '@sanshe/contracts';

/**
 * What the register refuses, as domain errors with a code; interface/http/resident-error.filter.ts maps
 * every code to its HTTP reply (an exhaustive switch). No message ever carries a personal field's value.
 */
export abstract class ResidentError extends Error {
  abstract readonly code: string;
}

/** A field is malformed; each problem names its field and the check that failed, never the value. */
export class ResidentInputInvalid extends ResidentError {
  readonly code = 'resident-input-invalid';
  constructor(readonly problems: FieldProblem[]) {
    super(`invalid request: ${problems.map((p) => `${p.path || '/'} ${p.message}`).join('; ')}`);
  }
}

export class ResidentNotFound extends ResidentError {
  readonly code = 'resident-not-found';
  constructor(residentId: string) {
    super(`resident ${residentId} is not registered`);
  }
}

export class ResidentCommunityNotFound extends ResidentError {
  readonly code = 'community-not-found';
  constructor(communityCode: string) {
    super(`community ${communityCode} is not registered`);
  }
}

/** One resident per ID number: names the resident already registered under it (a pseudonym, never the number). */
export class AlreadyRegistered extends ResidentError {
  readonly code = 'already-registered';
  constructor(readonly residentId: string) {
    super(`a resident with this ID number is already registered as ${residentId}`);
  }
}

export type AnyResidentError = ResidentInputInvalid | ResidentNotFound | ResidentCommunityNotFound | AlreadyRegistered;
