/** The part of a verified token (Identity) that a service's own access rules read. */
export interface Caller {
  sub: string;
  roles: readonly string[];
  parties: readonly string[];
}

const listed = (items: readonly string[], separator: string) => (items.length ? items.join(separator) : 'none');

/**
 * Why `caller` may not `action` (null when it may): the token must hold one of `role` and speak for one
 * of `parties`. The message names what is needed and what the token has, as the guard's 403s do; the
 * services use it where the party comes from stored data (the organization a worker belongs to, the
 * funder of a program) rather than from the request.
 */
export function roleRefusal(
  caller: Caller,
  role: string | readonly string[],
  parties: readonly string[],
  action: string,
): string | null {
  const roles = typeof role === 'string' ? [role] : role;
  const hasRole = roles.some((needed) => caller.roles.includes(needed));
  if (hasRole && parties.some((party) => caller.parties.includes(party))) return null;
  return (
    `${caller.sub} may not ${action}: it needs the role ${roles.join(' or ')} for ${listed(parties, ' or ')}, ` +
    `and the token grants roles ${listed(caller.roles, ', ')} for ${listed(caller.parties, ', ')}`
  );
}
