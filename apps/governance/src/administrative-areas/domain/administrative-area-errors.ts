/** What a read of the administrative hierarchy can refuse; interface/http maps every code. */
export abstract class AdministrativeAreaError extends Error {
  abstract readonly code: string;
}

/** The code is not a district (`310104`), street (`310104-005`) or community (`310104-005-001`) code. */
export class AreaCodeInvalid extends AdministrativeAreaError {
  readonly code = 'area-code-invalid';
  constructor(readonly areaCode: string) {
    super(
      `/params/code must be a district (310104), street (310104-005) or community (310104-005-001) code, not ${areaCode}`,
    );
  }
}

export class AreaNotFound extends AdministrativeAreaError {
  readonly code = 'area-not-found';
  constructor(readonly areaCode: string) {
    super(`no district, street or community ${areaCode} has been published by the community service`);
  }
}

export type AnyAdministrativeAreaError = AreaCodeInvalid | AreaNotFound;
