import type { FieldProblem } from '@sanshe/contracts';

/** What can go wrong with an area, as coded domain errors; interface/http/area-error.filter.ts maps every code. */
export abstract class AreaError extends Error {
  abstract readonly code: string;
}

/** A malformed code in the URL or a malformed body; each problem names its field (`/params/…`, `/body/…`). */
export class AreaInputInvalid extends AreaError {
  readonly code = 'area-input-invalid';
  constructor(readonly problems: FieldProblem[]) {
    super(`invalid request: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`);
  }
}

export class AreaNotFound extends AreaError {
  readonly code = 'area-not-found';
  constructor(
    readonly areaCode: string,
    what = 'area',
  ) {
    super(`no ${what} ${areaCode} is registered`);
  }
}

export type AnyAreaError = AreaInputInvalid | AreaNotFound;
