import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { Id, ResidentPseudonym, Score, schemaProblems, StrictCommunityCode } from '@sanshe/contracts';
import { EvaluationInputInvalid } from '../../domain/evaluation-errors';

const Weight = Type.Integer({ minimum: 0, maximum: 100 });
const Comment = Type.String({ maxLength: 2000 });

/** PUT /communities/{communityCode}/evaluation-weights; the rules between them are checked after the shape. */
export const WeightsBody = Type.Object(
  { reach: Weight, satisfaction: Weight, outcome: Weight, efficiency: Weight },
  { additionalProperties: false },
);

/** POST /activities/{activityId}/evaluations, one shape per kind; unknown fields are refused. */
export const EVALUATION_BODIES = {
  resident: Type.Object(
    {
      kind: Type.Literal('resident'),
      residentId: ResidentPseudonym,
      satisfaction: Score,
      comment: Type.Optional(Comment),
    },
    { additionalProperties: false, description: "A resident's satisfaction, entered by a residents' representative" },
  ),
  committee: Type.Object(
    {
      kind: Type.Literal('committee'),
      outcome: Score,
      reach: Type.Optional({ ...Score, description: 'Counts only when no need sizes the activity' }),
      comment: Type.Optional(Comment),
    },
    { additionalProperties: false, description: 'The committee’s outcome against the need, by a committee member' },
  ),
  peer: Type.Object(
    { kind: Type.Literal('peer'), organizationId: Id, efficiency: Score, comment: Type.Optional(Comment) },
    { additionalProperties: false, description: "Another organization's efficiency score, by its staff" },
  ),
};
export const EvaluationBody = Type.Union(Object.values(EVALUATION_BODIES));
export type EvaluationBody = Static<typeof EvaluationBody>;

export const CommunityCodeParam = Type.Object({ communityCode: StrictCommunityCode });
export const ActivityIdParam = Type.Object({ activityId: Id });
export const OrganizationIdParam = Type.Object({ organizationId: Id });

/** `value` as `schema` wants it, or EvaluationInputInvalid naming each field (under `prefix`, e.g. `/params`). */
export function checked<S extends TSchema>(schema: S, value: unknown, prefix = ''): Static<S> {
  const problems = schemaProblems(schema, value ?? {}, prefix);
  if (problems.length > 0) throw new EvaluationInputInvalid(problems);
  return value as Static<S>;
}

/** The body as the schema of its `kind` wants it (so the problems name its fields, not a union's). */
export function checkedEvaluation(body: unknown): EvaluationBody {
  const kind = (body as { kind?: unknown } | null)?.kind;
  if (kind !== 'resident' && kind !== 'committee' && kind !== 'peer') {
    throw new EvaluationInputInvalid([{ path: '/kind', message: 'must be one of resident, committee, peer' }]);
  }
  return checked(EVALUATION_BODIES[kind], body);
}

export const CODED = (status: number, codes: string[]) =>
  Type.Object({
    statusCode: Type.Literal(status),
    code: Type.Union(codes.map((code) => Type.Literal(code))),
    message: Type.String(),
  });

export const WeightsView = Type.Composite([
  Type.Object({ communityCode: Type.String() }),
  WeightsBody,
  Type.Object({ isDefault: Type.Boolean({ description: 'The community set none: 3/3/3/1' }) }),
]);

const Dimensions = Type.Object(
  {
    reach: Type.Optional(Type.Number()),
    satisfaction: Type.Optional(Type.Number()),
    outcome: Type.Optional(Type.Number()),
    efficiency: Type.Optional(Type.Number()),
  },
  { description: 'The dimensions present, 0–5, 2 decimals' },
);

export const EvaluationView = Type.Object({
  evaluationId: Type.String(),
  activityId: Type.String(),
  kind: Type.Union([Type.Literal('resident'), Type.Literal('committee'), Type.Literal('peer')]),
  organizationId: Type.Optional(Type.String({ description: 'The peer organization (peer evaluations only)' })),
  scores: Dimensions,
  comment: Type.Union([Type.String(), Type.Null()]),
  recordedAt: Type.String({ format: 'date-time' }),
});

export const ActivityEvaluationView = Type.Object({
  activityId: Type.String(),
  proposalId: Type.String(),
  organizationId: Type.String(),
  communityCode: Type.String(),
  needId: Type.Union([Type.String(), Type.Null()]),
  attendance: Type.Integer(),
  completedAt: Type.String({ format: 'date-time' }),
  windowClosesAt: Type.String({ format: 'date-time' }),
  status: Type.Union([Type.Literal('open'), Type.Literal('final'), Type.Literal('unscored')], {
    description:
      'open: evaluations count until windowClosesAt; final: the window closed with a score; unscored: it closed ' +
      'with nothing but efficiency (or only weight-0 dimensions) present',
  }),
  score: Type.Union([Type.Number(), Type.Null()], {
    description:
      'While open, provisional once all four dimensions are in (every later evaluation rescores it); final once ' +
      'the window closed; null until then, or when unscored',
  }),
  weights: WeightsBody,
  dimensions: Dimensions,
  evaluations: Type.Array(EvaluationView, { description: 'No resident id: residents stay pseudonymous here too' }),
});

export const RatingView = Type.Object({
  organizationId: Type.String(),
  score: Type.Number({
    description: "Mean of its activities' current scores (provisional or final), 0–5, 2 decimals",
  }),
  activitiesEvaluated: Type.Integer(),
  revision: Type.Integer({ description: 'The revision of the last rating.updated published for it' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
