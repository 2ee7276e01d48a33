/**
 * Who is calling, as the issuer's token says: the person (`sub`), the parties they may act for
 * (`community:310104-005-001`, `organization:org-…`, `portal:…`, `jurisdiction:310104`) and their
 * roles (`representative`, `staff`, `operator`, `policy-admin`, …).
 */
export interface Identity {
  sub: string;
  parties: readonly string[];
  roles: readonly string[];
}

/** The claims Sanshe reads from a verified token, or the reason they are unusable. */
export function identityFromClaims(claims: Record<string, unknown>): Identity | { problem: string } {
  const { sub, parties, roles } = claims;
  if (typeof sub !== 'string' || sub.length === 0) return { problem: 'the token names no subject (sub)' };
  if (!isStringList(parties)) return { problem: 'the token has no `parties` claim (a list of party ids)' };
  if (!isStringList(roles)) return { problem: 'the token has no `roles` claim (a list of roles)' };
  return { sub, parties, roles };
}

const isStringList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string' && item.length > 0);
