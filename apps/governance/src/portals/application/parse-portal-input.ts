import type { Static, TSchema } from '@sinclair/typebox';
import { schemaProblems } from '@sanshe/contracts';
import { PortalInputInvalid } from '../domain/portal-errors';
import { speaksForProblems } from '../domain/portal-rules';

/** `body` as `schema`'s type, or PortalInputInvalid naming each field; speaksFor is checked for `portalId`. */
export function parsePortalInput<S extends TSchema>(schema: S, body: unknown, portalId?: string): Static<S> {
  const problems = schemaProblems(schema, body);
  if (problems.length > 0) throw new PortalInputInvalid(problems);
  const { speaksFor } = body as { speaksFor?: string[]; portalId?: string };
  const id = portalId ?? (body as { portalId: string }).portalId;
  const portalProblems = speaksForProblems(id, speaksFor ?? []);
  if (portalProblems.length > 0) throw new PortalInputInvalid(portalProblems);
  return body as Static<S>;
}
