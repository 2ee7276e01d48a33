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

export const PORTAL_CONFLICT = openApiSchema(
  Type.Object({
    statusCode: Type.Literal(409),
    code: Type.Union([Type.Literal('portal-exists'), Type.Literal('stale-version'), Type.Literal('party-claimed')]),
    message: Type.String(),
    currentVersion: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], {
      description: 'The stored version, for portal-exists and stale-version',
    }),
  }),
);
