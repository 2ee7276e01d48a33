import { contextTopic, PORTAL_ID_PATTERN, portalCommandsTopic } from '@sanshe/contracts';

/**
 * Who may speak for a party (docs/decisions.md, "Controllers"). Every party id has one controller: a
 * service context, whose events topic and source carry that party's votes, or a government portal,
 * whose command topic does. The invariants "nobody blocks alone, nobody approves alone" are checked
 * per controller, summing every seat it speaks for.
 */
export const SERVICE_CONTROLLERS = ['community', 'organization', 'talent', 'funding'] as const;
export type ServiceController = (typeof SERVICE_CONTROLLERS)[number];
/** `community` | `organization` | `talent` | `funding` | `portal:<portalId>`. */
export type ControllerId = ServiceController | `portal:${string}`;

/** One row of the mapping: an exact party id, or a whole kind (`volunteers:*`), and its controller. */
export interface ControllerRule {
  /** `kind:id` for one party, `kind:*` for every party of a kind. */
  partyPattern: string;
  controller: ControllerId;
  /** Why the rule exists: `seed`, `config`, or later a portal registration. */
  origin: string;
}

const PATTERN = /^[a-z][a-z-]*:([A-Za-z0-9][A-Za-z0-9._:-]*|\*)$/;

export function isControllerId(value: string): value is ControllerId {
  if ((SERVICE_CONTROLLERS as readonly string[]).includes(value)) return true;
  return value.startsWith('portal:') && PORTAL_ID_PATTERN.test(value.slice('portal:'.length));
}

export const isPartyPattern = (value: string) => PATTERN.test(value);

const kindOf = (partyId: string) => partyId.slice(0, partyId.indexOf(':'));

/** A sample code per placeholder: a template is a portal id when it is one with every placeholder filled. */
const SAMPLE_CODES: Record<string, string> = {
  '{communityCode}': '310104-005-001',
  '{streetCode}': '310104-005',
  '{districtCode}': '310104',
};
const PLACEHOLDER = /\{(communityCode|streetCode|districtCode)\}/g;

/** `portal:street-{streetCode}`: a portal id once its community, street or district is bound. */
export function isPortalTemplate(partyId: string): boolean {
  if (!partyId.startsWith('portal:') || !partyId.match(PLACEHOLDER)) return false;
  return isControllerId(partyId.replace(PLACEHOLDER, (placeholder) => SAMPLE_CODES[placeholder] ?? placeholder));
}

/**
 * The controller of `partyId`: an exact rule first, then its kind's rule. A portal speaks for itself
 * (`portal:<id>`) unless a rule says otherwise; so does a portal template (`portal:street-{streetCode}`),
 * a controller of its own until a decision binds it to one street's portal. A seat written
 * `kind:{communityCode}` resolves by its kind, as every community's party of that kind does. null:
 * nobody may speak for it.
 */
export function controllerOf(rules: readonly ControllerRule[], partyId: string): ControllerId | null {
  const exact = rules.find((rule) => rule.partyPattern === partyId);
  if (exact) return exact.controller;
  const kind = kindOf(partyId);
  const byKind = rules.find((rule) => rule.partyPattern === `${kind}:*`);
  if (byKind) return byKind.controller;
  return kind === 'portal' && (isControllerId(partyId) || isPortalTemplate(partyId)) ? (partyId as ControllerId) : null;
}

/** Where a controller's messages must come from: the Kafka topic and the CloudEvents `source`. */
export interface Channel {
  topic: string;
  source: string;
}

export const sameChannel = (a: Channel, b: Channel) => a.topic === b.topic && a.source === b.source;

export function channelOf(controller: ControllerId): Channel {
  if (controller.startsWith('portal:')) {
    const portalId = controller.slice('portal:'.length);
    return { topic: portalCommandsTopic(portalId), source: `portal/${portalId}` };
  }
  return { topic: contextTopic(controller as ServiceController), source: `sanshe/${controller}` };
}

/** The rules every district starts with (migration-seeded); open kinds are added by configuration. */
export const DEFAULT_CONTROLLER_RULES: readonly ControllerRule[] = [
  { partyPattern: 'community:*', controller: 'community', origin: 'seed' },
  { partyPattern: 'residents:*', controller: 'community', origin: 'seed' },
  { partyPattern: 'organization:*', controller: 'organization', origin: 'seed' },
  { partyPattern: 'talent:*', controller: 'talent', origin: 'seed' },
  { partyPattern: 'funder:*', controller: 'funding', origin: 'seed' },
];

/** Where a message really came from: the topic it was read from and its envelope's `source`. */
export type Arrival = Channel;

/**
 * Why a message that speaks for `partyIds` may not count, or null: each party's controller must be the
 * one whose channel (topic and source) the message arrived on (docs/decisions.md, "Channel binding").
 */
export function channelRefusal(
  arrival: Arrival,
  partyIds: readonly string[],
  resolve: (partyId: string) => ControllerId | null,
): string | null {
  for (const partyId of partyIds) {
    const controller = resolve(partyId);
    if (!controller) return `nobody may speak for ${partyId}: it has no controller`;
    const expected = channelOf(controller);
    if (!sameChannel(expected, arrival)) {
      return (
        `${partyId} speaks only through ${controller} (topic ${expected.topic}, source ${expected.source}); ` +
        `this arrived on topic ${arrival.topic} from source ${arrival.source}`
      );
    }
  }
  return null;
}
