import { Type } from '@sinclair/typebox';
import { PortalData } from '@sanshe/contracts';
import { openApiSchema } from '@sanshe/nest-platform';

/** What every read returns: the portal's public facts, who registered it when, and its channels here. */
export const PortalView = Type.Composite([
  PortalData,
  Type.Object({
    registeredBy: Type.String({ description: "The registering operator's token subject" }),
    registeredAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    channels: Type.Union([Type.Literal('open'), Type.Literal('pending'), Type.Literal('closed')], {
      description:
        'Whether this governance process has opened its commands and replies topics: pending until it has ' +
        '(retried), closed for a suspended portal it never opened',
    }),
  }),
]);

export const PORTAL_VIEW = openApiSchema(PortalView);

export const PORTAL_NOT_FOUND = openApiSchema(
  Type.Object({ statusCode: Type.Literal(404), code: Type.Literal('portal-not-found'), message: Type.String() }),
);

/** A stored policy a registry change would break: the policy, and the validator's violation as PUT /policies gives it. */
const PolicyBreakView = Type.Object({
  policyId: Type.String(),
  version: Type.Integer({ minimum: 1 }),
  boundTo: Type.Union([Type.String(), Type.Null()], {
    description: 'Where a decision would bind its placeholders to the portal (street 310104-005); null: as stored',
  }),
  rule: Type.String({ description: 'controller-veto, controller-approval, neutral-arbiter, … (docs/decisions.md)' }),
  partyId: Type.Union([Type.String(), Type.Null()]),
  controller: Type.Union([Type.String(), Type.Null()], { description: 'The controller whose seats break the rule' }),
  partyIds: Type.Array(Type.String(), { description: 'Every seat of the policy that controller would speak for' }),
  message: Type.String(),
});

export const PORTAL_CONFLICT = openApiSchema(
  Type.Object({
    statusCode: Type.Literal(409),
    code: Type.Union(
      ['portal-exists', 'stale-version', 'party-claimed', 'breaks-policy'].map((code) => Type.Literal(code)),
    ),
    message: Type.String(),
    currentVersion: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], {
      description: 'The stored version, for portal-exists and stale-version',
    }),
    violations: Type.Optional(
      Type.Array(PolicyBreakView, {
        description: 'breaks-policy: each stored policy the change would break, and the rule it would break',
      }),
    ),
  }),
);
