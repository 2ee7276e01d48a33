import { Type } from '@sinclair/typebox';
import { defineEvent, type EventDefinition } from '../events/event-definition';
import { contextTopic, PORTAL_ID_PATTERN, portalRepliesTopic } from '../events/topics';
import { CalendarDate, CommunityCode, Id, Instant } from './common';
import { DecisionKind, EventTypeName } from './decision';

/*
 * What a service answers a portal's command with (docs/events.md, "Portal commands and replies"): exactly one
 * command-accepted or command-rejected per command, from the one service that acts on its type, on the portal's
 * own `sanshe.portal.<portalId>.replies` topic (not the service's public topic). The reply's id is derived from
 * the command's identity, so a redelivered command is answered once; its subject is the command's id.
 */

/** A portal's bare id (`xuhui-civil-affairs`), as in its topics; its party id is `portal:<portalId>`. */
const PortalId = Type.String({
  minLength: 1,
  maxLength: 63,
  pattern: PORTAL_ID_PATTERN.source,
  description: 'e.g. xuhui-civil-affairs (party portal:xuhui-civil-affairs)',
});

/** The command's CloudEvents id: what the portal correlates the reply with. */
const CommandId = Type.String({ minLength: 1, maxLength: 256, description: "the command's CloudEvents id" });

/** A refusal's machine-readable reason, kebab-case: schema-invalid, outside-jurisdiction, not-the-arbiter, … */
export const ReplyCode = Type.String({ minLength: 1, maxLength: 60, pattern: '^[a-z][a-z0-9-]*$' });

type ActingService = 'governance' | 'funding';

const COMMANDS_OF: Record<ActingService, string> = {
  governance:
    'votes, arbitrations, call-ins, disbursement objections, clawback proposals and cancellations, ' +
    'decision-policy set requests and report requests',
  funding: 'payment confirmations and funding-program open requests',
};

function defineAccepted<const S extends ActingService>(
  service: S,
  example: { commandId: string; commandType: string; result?: Record<string, unknown> },
) {
  return defineEvent(`sanshe.${service}.portal.command-accepted.v1`, {
    description:
      `The ${service} service applied a portal's command (${COMMANDS_OF[service]}): the Workflow Update was ` +
      "accepted, the policy stored, the report issued… Published on the portal's own `sanshe.portal.<portalId>.replies` " +
      'topic in the same transaction as the effect, once per command (a redelivered command gets the same reply, ' +
      'by id). `result` names what was made or changed. Subject: the commandId.',
    data: Type.Object(
      {
        commandId: CommandId,
        /** The command's type, e.g. sanshe.portal.decision.arbitrated.v1. */
        commandType: EventTypeName,
        portalId: PortalId,
        /** What the command made or changed, e.g. {decisionId}, {policyVersion}, {reportId}, {programId}. */
        result: Type.Optional(Type.Object({}, { additionalProperties: true })),
      },
      { additionalProperties: true },
    ),
    example: { ...example, portalId: 'xuhui-civil-affairs' },
    subjectField: 'commandId',
  });
}

function defineRejected<const S extends ActingService>(
  service: S,
  example: { commandId: string; commandType: string; code: string; reason: string },
) {
  return defineEvent(`sanshe.${service}.portal.command-rejected.v1`, {
    description:
      `The ${service} service refused a portal's command (${COMMANDS_OF[service]}) and changed nothing. ` +
      '`code` is machine-readable, kebab-case (an open set: schema-invalid — `reason` names the field —, ' +
      'unknown-portal, portal-suspended, wrong-channel, outside-jurisdiction, not-the-arbiter, not-a-party, ' +
      'decision-closed, unknown-payment, not-funder, policy-rules-broken, …), `reason` is for people. Published on ' +
      "the portal's own `sanshe.portal.<portalId>.replies` topic, once per command. Subject: the commandId.",
    data: Type.Object(
      {
        commandId: CommandId,
        commandType: EventTypeName,
        portalId: PortalId,
        code: ReplyCode,
        reason: Type.String({ minLength: 1, maxLength: 4000 }),
      },
      { additionalProperties: true },
    ),
    example: { ...example, portalId: 'xuhui-civil-affairs' },
    subjectField: 'commandId',
  });
}

export const governancePortalCommandAccepted = defineAccepted('governance', {
  commandId: '0b7f3c52-8e1d-4a6f-9c2b-5d4e3f2a1b90',
  commandType: 'sanshe.portal.decision.arbitrated.v1',
  result: { decisionId: 'decision/activity-proposal/prop-2026-0001' },
});

export const governancePortalCommandRejected = defineRejected('governance', {
  commandId: '6a1e9d47-3b2c-4f8a-b5d0-7c9e1f2a3b48',
  commandType: 'sanshe.portal.decision.arbitrated.v1',
  code: 'outside-jurisdiction',
  reason: 'decision/activity-proposal/prop-2026-0009 is about community 310104-011-002, outside 310104-005',
});

export const fundingPortalCommandAccepted = defineAccepted('funding', {
  commandId: '2f8c6b1d-4e7a-4c3b-9d5e-1a0b2c3d4e5f',
  commandType: 'sanshe.portal.funding-program.open-requested.v1',
  result: { programId: 'prog-2026-elderly-care' },
});

export const fundingPortalCommandRejected = defineRejected('funding', {
  commandId: '9d3a5e7f-1b2c-4d6e-8f0a-3b5c7d9e1f2a',
  commandType: 'sanshe.portal.payment.confirmed.v1',
  code: 'unknown-payment',
  reason: 'no payment pay-2027-000999 of grant grant-2026-0007',
});

const Count = Type.Integer({ minimum: 0 });

export const governancePortalReportIssued = defineEvent('sanshe.governance.portal.report-issued.v1', {
  description:
    "Governance answered a portal's report request (sanshe.portal.report.requested.v1) with aggregated public " +
    "facts within the portal's jurisdiction, from its own records: decisions by kind and outcome and how many " +
    'were escalated (reportKind decisions), or — once governance records them — the amounts paid per community ' +
    '(reportKind disbursements). No ' +
    "personal data. Published on the portal's own `sanshe.portal.<portalId>.replies` topic beside the " +
    'command-accepted reply that carries the reportId. Subject: the reportId.',
  data: Type.Object(
    {
      /** Derived from the command, so a redelivered request issues the same report once. */
      reportId: Id,
      commandId: CommandId,
      portalId: PortalId,
      reportKind: Type.Union([Type.Literal('decisions'), Type.Literal('disbursements')]),
      /** The period, inclusive, as requested (calendar days, UTC). */
      from: CalendarDate,
      to: CalendarDate,
      /** The jurisdiction's administrative codes the facts were counted in. */
      jurisdiction: Type.Array(Type.String({ minLength: 1, maxLength: 20 }), { maxItems: 100 }),
      /** reportKind decisions: decisions decided in the period, by kind, result and who decided. */
      decisions: Type.Optional(
        Type.Array(
          Type.Object(
            {
              kind: DecisionKind,
              result: Type.String({ minLength: 1, maxLength: 20 }),
              decidedBy: Type.String({ minLength: 1, maxLength: 20 }),
              count: Count,
            },
            { additionalProperties: true },
          ),
          { maxItems: 1000 },
        ),
      ),
      /** reportKind decisions: decisions escalated to an arbiter in the period. */
      escalations: Type.Optional(Count),
      /** reportKind disbursements: what was paid in the period, per community, in fen. */
      paid: Type.Optional(
        Type.Array(
          Type.Object(
            { communityCode: CommunityCode, tranches: Count, amountFen: Count },
            { additionalProperties: true },
          ),
          { maxItems: 5000 },
        ),
      ),
      issuedAt: Instant,
    },
    { additionalProperties: true },
  ),
  example: {
    reportId: 'report-5c2e8a1f0b3d4e6a',
    commandId: '4e2d8c6a-1f3b-4a5c-9e7d-0b1a2c3d4e5f',
    portalId: 'xuhui-civil-affairs',
    reportKind: 'decisions',
    from: '2026-01-01',
    to: '2026-03-31',
    jurisdiction: ['310104'],
    decisions: [
      { kind: 'activity-proposal', result: 'approved', decidedBy: 'votes', count: 14 },
      { kind: 'activity-proposal', result: 'rejected', decidedBy: 'arbiter', count: 1 },
      { kind: 'grant-award', result: 'approved', decidedBy: 'votes', count: 3 },
    ],
    escalations: 2,
    issuedAt: '2026-04-01T02:00:00.000Z',
  },
});

/** Every event a service publishes to a portal's replies topic rather than to its own. */
export const PORTAL_REPLY_EVENTS = [
  governancePortalCommandAccepted,
  governancePortalCommandRejected,
  governancePortalReportIssued,
  fundingPortalCommandAccepted,
  fundingPortalCommandRejected,
] as const;

const REPLY_TYPES: ReadonlySet<string> = new Set(PORTAL_REPLY_EVENTS.map((d) => d.type));

/** Whether events of this type go to a portal's replies topic (`data.portalId`'s). */
export const isPortalReplyType = (type: string): boolean => REPLY_TYPES.has(type);

/**
 * The outbox's `topicFor` for a service that answers portals: a reply goes to its portal's replies topic,
 * anything else to its context's topic, as without the hook.
 */
export function portalReplyAwareTopic(
  event: { type: string; data: unknown },
  definition: Pick<EventDefinition, 'context'>,
): string {
  if (isPortalReplyType(event.type)) return portalRepliesTopic((event.data as { portalId: string }).portalId);
  if (definition.context === 'portal') throw new Error(`a service cannot publish ${event.type}`);
  return contextTopic(definition.context);
}
