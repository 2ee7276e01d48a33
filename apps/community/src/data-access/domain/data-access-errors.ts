import type { FieldProblem } from '@sanshe/contracts';

/**
 * What can go wrong with a data-access request or a read under a grant, as domain errors with a code;
 * interface/http/data-access-error.filter.ts maps every code to its HTTP reply (an exhaustive switch).
 */
export abstract class DataAccessError extends Error {
  abstract readonly code: string;
}

/** A field or parameter is malformed, or a resident is not the community's; each problem names its field. */
export class DataAccessInputInvalid extends DataAccessError {
  readonly code = 'data-access-input-invalid';
  constructor(readonly problems: FieldProblem[]) {
    super(`invalid request: ${problems.map((p) => `${p.path || '/'} ${p.message}`).join('; ')}`);
  }
}

/** An id names nothing: a proposal, a request, a grant, a resident. */
export class DataAccessNotFound extends DataAccessError {
  readonly code = 'not-found';
}

/** Data is asked for an activity governance has not approved: there is no access at anyone's discretion. */
export class ProposalNotApproved extends DataAccessError {
  readonly code = 'proposal-not-approved';
}

/** Why a read under a grant is refused (403 with this code); every refusal is logged too. */
export const READ_REFUSALS = ['not-the-grantee', 'grant-expired', 'not-covered', 'consent-withdrawn'] as const;
export type ReadRefusalCode = (typeof READ_REFUSALS)[number];

export class ReadRefused extends DataAccessError {
  constructor(
    readonly code: ReadRefusalCode,
    message: string,
  ) {
    super(message);
  }
}

export type AnyDataAccessError = DataAccessInputInvalid | DataAccessNotFound | ProposalNotApproved | ReadRefused;
