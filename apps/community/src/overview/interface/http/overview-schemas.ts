import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { schemaProblems, StrictCommunityCode } from '@sanshe/contracts';
import { HttpException, HttpStatus } from '@nestjs/common';

export const CommunityCodeParam = Type.Object({ communityCode: StrictCommunityCode });

/** `value` as `schema` wants it, or 400 naming each field (under `prefix`). */
export function checked<S extends TSchema>(schema: S, value: unknown, prefix = ''): Static<S> {
  const problems = schemaProblems(schema, value ?? {}, prefix);
  if (problems.length > 0) {
    const message = `invalid request: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`;
    throw new HttpException({ statusCode: HttpStatus.BAD_REQUEST, message, problems }, HttpStatus.BAD_REQUEST);
  }
  return value as Static<S>;
}

const Instant = Type.String({ format: 'date-time' });
const Nullable = <T extends TSchema>(schema: T, options?: { description: string }) =>
  Type.Union([schema, Type.Null()], options);

export const OverviewView = Type.Object({
  communityCode: Type.String(),
  community: Nullable(
    Type.Object({
      name: Type.String(),
      streetCode: Type.String(),
      population: Type.Integer(),
      households: Nullable(Type.Integer()),
      serviceArea: Type.Object({ areaKm2: Type.Optional(Type.Number()), description: Type.String() }),
    }),
    { description: 'As the administrative hierarchy knows it; null when the community is not registered' },
  ),
  organizationsActive: Type.Array(
    Type.Object({
      organizationId: Type.String(),
      proposals: Type.Integer(),
      activitiesCompleted: Type.Integer(),
      lastSeenAt: Instant,
    }),
    { description: 'Organizations that proposed or completed an activity here, most recent first' },
  ),
  proposals: Type.Array(
    Type.Object({
      proposalId: Type.String(),
      organizationId: Type.String(),
      title: Type.String(),
      needId: Nullable(Type.String()),
      amended: Type.Integer(),
      submittedAt: Instant,
      decision: Nullable(
        Type.Object({ decisionId: Type.String(), stage: Type.String(), result: Nullable(Type.String()) }),
      ),
    }),
  ),
  decisions: Type.Array(
    Type.Object({
      decisionId: Type.String(),
      kind: Type.String(),
      subjectId: Type.String(),
      title: Nullable(Type.String()),
      stage: Type.Union([Type.Literal('voting'), Type.Literal('escalated'), Type.Literal('decided')]),
      escalationLevel: Nullable(Type.Integer()),
      arbiterId: Nullable(Type.String()),
      result: Nullable(Type.String()),
      decidedBy: Nullable(Type.String()),
      updatedAt: Instant,
    }),
    { description: 'Open decisions first (escalated, then voting), then decided ones' },
  ),
  grants: Type.Array(
    Type.Object({
      grantId: Type.String(),
      programId: Nullable(Type.String()),
      organizationId: Nullable(Type.String()),
      funderId: Nullable(Type.String()),
      amount: Nullable(Type.Object({ amountFen: Type.Integer(), currency: Type.String() })),
      title: Nullable(Type.String()),
      status: Type.Union([Type.Literal('awarded'), Type.Literal('approved'), Type.Literal('rejected')], {
        description: 'awarded: the award decision is still open',
      }),
      decisionId: Nullable(Type.String()),
      updatedAt: Instant,
    }),
  ),
  grantTotals: Type.Array(
    Type.Object({
      currency: Type.String(),
      awardedFen: Type.Integer({ description: 'Awarded, decision still open' }),
      approvedFen: Type.Integer(),
      rejectedFen: Type.Integer(),
    }),
  ),
  asOf: Nullable({ ...Instant, description: 'When the newest event shown here happened' }),
});
