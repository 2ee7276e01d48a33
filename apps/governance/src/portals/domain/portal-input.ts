import { Type } from '@sinclair/typebox';
import {
  KafkaPrincipal,
  PortalId,
  PortalJurisdiction,
  PortalKind,
  PortalName,
  PortalSpeaksFor,
  PortalStatus,
} from '@sanshe/contracts';

/** POST /portals: a new portal (active once registered). Unknown fields are refused. */
export const RegisterPortalInput = Type.Object(
  {
    portalId: PortalId,
    name: PortalName,
    kind: PortalKind,
    jurisdiction: PortalJurisdiction,
    kafkaPrincipal: KafkaPrincipal,
    speaksFor: Type.Optional(PortalSpeaksFor),
  },
  { additionalProperties: false },
);

/**
 * PATCH /portals/{portalId}: `version` is the one the operator read (a newer one stored → 409), and at
 * least one change. The id, kind and Kafka principal are fixed: a different portal is registered anew.
 */
export const UpdatePortalInput = Type.Object(
  {
    version: Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'The version last read' }),
    name: Type.Optional(PortalName),
    jurisdiction: Type.Optional(PortalJurisdiction),
    speaksFor: Type.Optional(PortalSpeaksFor),
    status: Type.Optional(PortalStatus),
  },
  { additionalProperties: false, minProperties: 2 },
);
