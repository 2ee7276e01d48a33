import { type Static, Type } from '@sinclair/typebox';
import { defineEvent } from '../events/event-definition';
import { PORTAL_ID_PATTERN } from '../events/topics';
import { PartyId } from '../governance/decision-policy';
import { literalUnion } from './common';

/*
 * Governance's portal registry (docs/operations.md, "Portals"): which government portals exist, what
 * they may act on and whom they speak for. Public facts on sanshe.governance.events (funding keeps a
 * copy); nothing secret is in them. Ids are deterministic, `<type>:<portalId>:v<version>`, so a retried
 * change is a duplicate, never a second fact. Subject: the portalId.
 */

export const PORTAL_KINDS = ['district-bureau', 'street-office', 'funder', 'residents-app', 'other'] as const;
export type PortalKindCode = (typeof PORTAL_KINDS)[number];
export const PORTAL_STATUSES = ['active', 'suspended'] as const;

export const PortalId = Type.String({
  minLength: 1,
  maxLength: 63,
  pattern: PORTAL_ID_PATTERN.source,
  description: 'lowercase letters, digits and dashes, e.g. street-xinhua; its party id is portal:<portalId>',
});
export const PortalKind = literalUnion(PORTAL_KINDS, { description: PORTAL_KINDS.join(', ') });
export const PortalStatus = literalUnion(PORTAL_STATUSES, {
  description: 'active, or suspended: a suspended portal speaks for nobody',
});
export const PortalName = Type.String({ minLength: 1, maxLength: 200 });
/** A district (310104), a street (310104-005) or a community (310104-005-001). */
export const AdministrativeCode = Type.String({
  pattern: '^[0-9]{6}(-[0-9]{3}){0,2}$',
  description: 'a district (310104), street (310104-005) or community (310104-005-001) code',
});
export const PortalJurisdiction = Type.Array(AdministrativeCode, {
  minItems: 1,
  maxItems: 100,
  uniqueItems: true,
  description: 'The areas the portal acts on: each covers itself and every area whose code starts with it',
});

/**
 * Whether a jurisdiction covers the area `areaCode`: one of its codes is the area or an ancestor of it, by whole
 * segments (a district 310104 covers its street 310104-005 and community 310104-005-001; a street covers its
 * communities, not its district; 310104-00 covers nothing). The one rule governance and funding both judge by.
 */
export const jurisdictionCovers = (jurisdiction: readonly string[], areaCode: string): boolean =>
  jurisdiction.some((code) => areaCode === code || areaCode.startsWith(`${code}-`));

/** The Kafka principal the portal's client logs in as (its ACLs are granted to it). */
export const KafkaPrincipal = Type.String({
  minLength: 6,
  maxLength: 105,
  pattern: '^User:[A-Za-z0-9][A-Za-z0-9._-]*$',
  description: 'e.g. User:portal-street-xinhua',
});
export const PortalSpeaksFor = Type.Array(PartyId, {
  maxItems: 50,
  uniqueItems: true,
  description: 'Party ids the portal also speaks for, besides portal:<portalId> (e.g. funder:xuhui-welfare-fund)',
});

/** A registered portal as its events carry it (the registry row without who registered it when). */
export const PortalData = Type.Object(
  {
    portalId: PortalId,
    name: PortalName,
    kind: PortalKind,
    jurisdiction: PortalJurisdiction,
    kafkaPrincipal: KafkaPrincipal,
    speaksFor: PortalSpeaksFor,
    status: PortalStatus,
    version: Type.Integer({ minimum: 1, description: 'Counts the registration (1) and each update after it' }),
  },
  { additionalProperties: true },
);
export type PortalData = Static<typeof PortalData>;

const example: PortalData = {
  portalId: 'xuhui-civil-affairs',
  name: '徐汇区民政局',
  kind: 'district-bureau',
  jurisdiction: ['310104'],
  kafkaPrincipal: 'User:portal-xuhui-civil-affairs',
  speaksFor: ['funder:xuhui-welfare-fund'],
  status: 'active',
  version: 1,
};

export const portalRegistered = defineEvent('sanshe.governance.portal.registered.v1', {
  description:
    'An operator registered a government portal: from now on it speaks for portal:<portalId> and each of ' +
    '`speaksFor` on its commands topic, within its jurisdiction. Subject: the portalId.',
  data: PortalData,
  example,
});

export const portalUpdated = defineEvent('sanshe.governance.portal.updated.v1', {
  description:
    "An operator changed a portal's name, jurisdiction, speaksFor or status; `version` counts the changes. " +
    'A suspended portal speaks for nobody until it is active again. Subject: the portalId.',
  data: PortalData,
  example: { ...example, speaksFor: [], status: 'suspended', version: 2 },
});

export const PORTAL_REGISTRY_EVENTS = [portalRegistered, portalUpdated] as const;
