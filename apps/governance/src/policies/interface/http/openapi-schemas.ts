import { Type } from '@sinclair/typebox';
import { DecisionPolicyInput } from '@sanshe/contracts';
import { openApiSchema } from '@sanshe/nest-platform';

/** What every read returns: the stored policy (input + version) and who set it when. */
export const PolicyView = Type.Composite([
  DecisionPolicyInput,
  Type.Object({
    version: Type.Integer({
      minimum: 1,
      description: 'Assigned by governance; decisions pin the version they start with',
    }),
    createdAt: Type.String({ format: 'date-time' }),
    createdBy: Type.Union([Type.String(), Type.Null()]),
  }),
]);

const AreaCode = Type.Union([Type.String(), Type.Null()]);
/** GET /policies/resolve: the policy, where it came from, and the codes its placeholders bind to. */
export const RESOLVED_VIEW = openApiSchema(
  Type.Composite([
    PolicyView,
    Type.Object({
      resolvedFrom: Type.Union(['community', 'street', 'district', 'default'].map((level) => Type.Literal(level))),
      bindings: Type.Object({ communityCode: AreaCode, streetCode: AreaCode, districtCode: AreaCode }),
    }),
  ]),
);

const Violation = Type.Object({
  rule: Type.String({
    description:
      'no-single-veto, no-single-approval, controller-veto, controller-approval, no-controller, quorum, ' +
      'duplicate-party, neutral-arbiter or escalation-ends (docs/decisions.md)',
  }),
  partyId: Type.Union([Type.String(), Type.Null()], { description: 'The party the rule is about, if one' }),
  controller: Type.Union([Type.String(), Type.Null()], {
    description: 'The service or portal that speaks for that party, or whose seats together break the rule',
  }),
  partyIds: Type.Array(Type.String(), { description: 'Every seat of the policy that `controller` speaks for' }),
  message: Type.String(),
});

export const RULES_BROKEN = openApiSchema(
  Type.Object({ statusCode: Type.Literal(422), message: Type.String(), violations: Type.Array(Violation) }),
);
export const NOT_FOUND = openApiSchema(Type.Object({ statusCode: Type.Literal(404), message: Type.String() }));
export const CONFLICT = openApiSchema(
  Type.Object({ statusCode: Type.Literal(409), message: Type.String(), conflictingPolicyId: Type.String() }),
);
