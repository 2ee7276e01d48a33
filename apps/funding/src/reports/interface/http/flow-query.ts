import { Type } from '@sinclair/typebox';
import { CalendarDate, type FieldProblem, Id, literalUnion, PartyId, schemaProblems } from '@sanshe/contracts';
import { FLOW_GROUPINGS, type FlowGrouping } from '../../domain/flow-report';
import type { FlowQuery } from '../../application/flow-scope';

/** A malformed query (400 naming each parameter); nothing is read. */
export class FlowQueryInvalid extends Error {
  readonly code = 'flow-query-invalid';
  constructor(readonly problems: FieldProblem[]) {
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
  const { from, to } = query as { from?: string; to?: string };
  if (problems.length === 0 && from && to && to < from) {
    problems.push({ path: '/query/to', message: `must not be before from (${from})` });
  }
  if (problems.length > 0) throw new FlowQueryInvalid(problems);
  return query as unknown as FlowQuery & { groupBy: FlowGrouping };
}
