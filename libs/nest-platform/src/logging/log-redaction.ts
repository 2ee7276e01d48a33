/** Where a request or response carries credentials: a bearer token or a session is never written to a log. */
export const CREDENTIAL_LOG_PATHS = [
  'req.headers.authorization',
  'req.headers["proxy-authorization"]',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
] as const;

/**
 * Personal fields: the residents' (community: name, phone, ID number, address) and the social workers' (talent:
 * name, phone, school). Redacted wherever a logged object carries them, up to two levels down.
 */
export const PERSONAL_LOG_FIELDS = ['name', 'phone', 'idNumber', 'address', 'school'] as const;

export const REDACTED = '[redacted]';

/** pino `redact` paths: the credentials, the personal fields at depth 0–2, then the operator's own (LOG_REDACT_PATHS). */
export function redactPaths(extra: readonly string[] = []): string[] {
  const personal = PERSONAL_LOG_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]);
  return [...new Set([...CREDENTIAL_LOG_PATHS, ...personal, ...extra])];
}
