import type { FieldProblem } from '@sanshe/contracts';
import type { PolicyBreak } from './policy-breaks';

/**
 * What can go wrong with a portal's registration or update, as domain errors with a code; the HTTP
 * filter (interface/http/portal-error.filter.ts) maps every code, so a new one cannot be forgotten there.
 */
export abstract class PortalError extends Error {
  abstract readonly code: string;
}

/** The body or a parameter breaks the schema or a registry rule; each problem names its field. */
export class PortalInputInvalid extends PortalError {
  readonly code = 'portal-input-invalid';
  constructor(readonly problems: FieldProblem[]) {
    super(`invalid portal: ${problems.map((p) => `${p.path || '/'} ${p.message}`).join('; ')}`);
  }
}

export class PortalNotFound extends PortalError {
  readonly code = 'portal-not-found';
  constructor(readonly portalId: string) {
    super(`no portal ${portalId} is registered`);
  }
}

/**
 * The change contradicts what is stored: the id is registered with another body (`portal-exists`), the
 * version read is not the latest (`stale-version`), a party already has another controller
 * (`party-claimed`, one controller per party), or the new controller map would let one controller block or
 * decide a stored policy alone (`breaks-policy`, each break in `breaks`).
 */
export class PortalConflict extends PortalError {
  readonly code = 'portal-conflict';
  constructor(
    readonly reason: 'portal-exists' | 'stale-version' | 'party-claimed' | 'breaks-policy',
    message: string,
    readonly current?: { version: number },
    readonly breaks: readonly PolicyBreak[] = [],
  ) {
    super(message);
  }
}

export type AnyPortalError = PortalInputInvalid | PortalNotFound | PortalConflict;
