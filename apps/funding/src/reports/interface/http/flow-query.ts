import { Type } from '@sinclair/typebox';
import { CalendarDate, type FieldProblem, Id, literalUnion, PartyId, schemaProblems } from '@sanshe/contracts';
import { FLOW_GROUPINGS, type FlowGrouping } from '../../domain/flow-report';
import type { FlowQuery } from '../../application/flow-scope';

/**
 * A query refused, naming each parameter; nothing is read. 400: a parameter breaks its documented schema. 422: each
 * is well formed but `to` is before `from` — a rule between two parameters, which OpenAPI 3.0 cannot state.
 */
export class FlowQueryInvalid extends Error {
  readonly code = 'flow-query-invalid';
  constructor(
    readonly problems: FieldProblem[],
    readonly status: 400 | 422 = 400,
  ) {
    super(`invalid request: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`);
  }
}

export const FlowQuerySchema = Type.Object(
  {
    groupBy: literalUnion(FLOW_GROUPINGS, { description: 'mode, category, community, organization or month' }),
    from: Type.Optional(CalendarDate),
    to: Type.Optional(CalendarDate),
    programId: Type.Optional(Id),
    funderId: Type.Optional(PartyId),
  },
  { additionalProperties: false },
);

/** `?groupBy&from&to&programId&funderId` checked: each problem names its parameter (`/query/groupBy`). */
export function flowQueryOf(query: Record<string, unknown>): FlowQuery & { groupBy: FlowGrouping } {
  const problems = schemaProblems(FlowQuerySchema, query, '/query');
  if (problems.length > 0) throw new FlowQueryInvalid(problems);
  const { from, to } = query as { from?: string; to?: string };
  if (from && to && to < from) {
    throw new FlowQueryInvalid([{ path: '/query/to', message: `must not be before from (${from})` }], 422);
  }
  return query as unknown as FlowQuery & { groupBy: FlowGrouping };
}
