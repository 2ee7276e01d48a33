import type { FieldProblem, OrganizationStatus } from '@sanshe/contracts';

/** What can go wrong in the registry, as coded errors; interface/http/registry-error.filter.ts maps every code. */
export abstract class RegistryError extends Error {
  abstract readonly code: string;
}

/** A malformed request; each problem names its field (`/body/creditCode`: the failed check first). */
export class RegistryInputInvalid extends RegistryError {
  readonly code = 'organization-input-invalid';
  constructor(readonly problems: FieldProblem[]) {
    super(`invalid request: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`);
  }
}

export class OrganizationNotFound extends RegistryError {
  readonly code = 'organization-not-found';
  constructor(readonly organizationId: string) {
    super(`no organization ${organizationId} is registered`);
  }
}

/** A status change the registry's lifecycle does not allow from the current status. */
export class InvalidTransition extends RegistryError {
  readonly code = 'invalid-transition';
  constructor(
    readonly status: OrganizationStatus,
    readonly attempted: OrganizationStatus,
    readonly allowed: readonly OrganizationStatus[],
  ) {
    super(
      `an organization ${status} cannot become ${attempted}; ` +
        `from ${status} it may become ${allowed.length ? allowed.join(', ') : 'nothing (it is final)'}`,
    );
  }
}

/** Only a registered organization is graded. */
export class OrganizationNotRegistered extends RegistryError {
  readonly code = 'organization-not-registered';
  constructor(
    readonly organizationId: string,
    readonly status: OrganizationStatus,
  ) {
    super(`organization ${organizationId} is ${status}: only a registered organization is graded`);
  }
}

/** Another organization holds the credit code (it is unique in the registry). */
export class CreditCodeTaken extends RegistryError {
  readonly code = 'credit-code-taken';
  constructor(
    readonly creditCode: string,
    readonly holderId: string,
  ) {
    super(`credit code ${creditCode} is already registered to organization ${holderId}`);
  }
}

/** What fixes an organization's registration (district, credit code) changes only while provisional, or by its registrar. */
export class RegistrationLocked extends RegistryError {
  readonly code = 'registration-locked';
  constructor(
    readonly organizationId: string,
    readonly fields: readonly string[],
  ) {
    super(
      `organization ${organizationId} is no longer provisional: only its registrar changes ${fields.join(' and ')}`,
    );
  }
}

export type AnyRegistryError =
  | RegistryInputInvalid
  | OrganizationNotFound
  | InvalidTransition
  | OrganizationNotRegistered
  | CreditCodeTaken
  | RegistrationLocked;
