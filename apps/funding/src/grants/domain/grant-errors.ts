import type { FieldProblem } from '@sanshe/contracts';

/** The grants feature's coded errors; interface/http/grant-error.filter.ts maps every code. */
export abstract class GrantError extends Error {
  abstract readonly code: string;
}

/** Bad input, named by field (an award over the request: `/amount`). Nothing is written. */
export class GrantInputInvalid extends GrantError {
  readonly code = 'grant-input-invalid';
  constructor(readonly problems: FieldProblem[]) {
    super(`invalid request: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`);
  }
}

export class GrantNotFound extends GrantError {
  readonly code = 'grant-not-found';
  constructor(readonly what: string) {
    super(`no ${what}`);
  }
}

/** Only a received application (eligible, not yet awarded or declined) is awarded. */
export class AwardNotOpen extends GrantError {
  readonly code = 'application-not-open';
  constructor(
    readonly applicationId: string,
    readonly status: string,
  ) {
    super(`application ${applicationId} is ${status}: only a received application is awarded`);
  }
}

/** The program's available budget, less the awards waiting for their decision, does not cover the amount. */
export class InsufficientAvailable extends GrantError {
  readonly code = 'insufficient-available';
  constructor(
    readonly programId: string,
    readonly availableFen: number,
    readonly pendingFen: number,
    readonly requestedFen: number,
  ) {
    super(
      `program ${programId} has ${availableFen} fen available and ${pendingFen} fen awarded pending a decision: ` +
        `${requestedFen} fen exceeds the ${availableFen - pendingFen} fen left`,
    );
  }
}

/** A closed program awards nothing more (its open awards still await their decisions). */
export class ProgramClosed extends GrantError {
  readonly code = 'program-closed';
  constructor(readonly programId: string) {
    super(`program ${programId} is closed: it awards no more grants`);
  }
}

/** A deregistered organization is awarded nothing. */
export class OrganizationDeregistered extends GrantError {
  readonly code = 'organization-deregistered';
  constructor(readonly organizationId: string) {
    super(`organization ${organizationId} is deregistered: it is awarded no grant`);
  }
}

export type AnyGrantError =
  GrantInputInvalid | GrantNotFound | AwardNotOpen | InsufficientAvailable | ProgramClosed | OrganizationDeregistered;
