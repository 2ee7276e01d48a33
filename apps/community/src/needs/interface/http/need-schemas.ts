import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { Id, needClosed, needPublished, schemaProblems, StrictCommunityCode } from '@sanshe/contracts';
import { closedObjects } from '@sanshe/nest-platform';
import { NeedInputInvalid } from '../../domain/need-errors';

// The contract's own field schemas, so a request is judged exactly like the event it becomes.
const published = needPublished.data.properties;
const closed = needClosed.data.properties;

/** POST /communities/{communityCode}/needs. Unknown fields are refused at any depth: a typo must not pass silently. */
export const PublishNeedBody = closedObjects(
  Type.Object({
    category: published.category,
    title: published.title,
    description: published.description,
    targetGroup: published.targetGroup,
    // The event allows any count; the need table stores a PostgreSQL integer (a larger one was a 500).
    expectedSize: Type.Integer({ ...published.expectedSize, maximum: 2_147_483_647 }),
    priority: published.priority,
    period: Type.Object({ from: published.period.properties.from, to: published.period.properties.to }),
  }),
);
export type PublishNeedBody = Static<typeof PublishNeedBody>;

/** POST /needs/{needId}/close. */
export const CloseNeedBody = Type.Object(
  { reason: closed.reason, note: Type.Optional(closed.note) },
  { additionalProperties: false },
);
export type CloseNeedBody = Static<typeof CloseNeedBody>;

export const NeedQuery = Type.Object({
  communityCode: Type.Optional(StrictCommunityCode),
  status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('matched'), Type.Literal('closed')])),
  category: Type.Optional(published.category),
});
export type NeedQuery = Static<typeof NeedQuery>;

export const CommunityCodeParam = Type.Object({ communityCode: StrictCommunityCode });
export const NeedIdParam = Type.Object({ needId: Id });

/** `value` as `schema` wants it, or NeedInputInvalid naming each field (under `prefix`, e.g. `/query`). */
export function checked<S extends TSchema>(schema: S, value: unknown, prefix = ''): Static<S> {
  const problems = schemaProblems(schema, value ?? {}, prefix);
  if (problems.length > 0) throw new NeedInputInvalid(problems);
  return value as Static<S>;
}

const NeedMatchView = Type.Object({
  proposalId: Type.String(),
  decisionId: Type.String(),
  organizationId: Type.String(),
});

/** What every read returns: the need, its status and match, who published it when. */
export const NeedView = Type.Composite([
  Type.Object({ needId: Type.String(), communityCode: Type.String() }),
  PublishNeedBody,
  Type.Object({
    status: Type.Union([Type.Literal('open'), Type.Literal('matched'), Type.Literal('closed')]),
    match: Type.Union([NeedMatchView, Type.Null()], { description: 'The approved activity that answers it' }),
    closed: Type.Union([
      Type.Object({ reason: closed.reason, note: Type.Union([Type.String(), Type.Null()]) }),
      Type.Null(),
    ]),
    createdBy: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
  }),
]);

export const NOT_FOUND = Type.Object({ statusCode: Type.Literal(404), message: Type.String() });
export const NEED_CLOSED = Type.Object({
  statusCode: Type.Literal(409),
  code: Type.Literal('need-closed'),
  message: Type.String(),
  allowedTransitions: Type.Record(Type.String(), Type.Array(Type.String())),
});
