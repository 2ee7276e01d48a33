import { Type } from '@sinclair/typebox';
import { type MoneyFen, type NewEvent, StrictCommunityCode, type SubstantiatedReason } from '@sanshe/contracts';

/*
 * What the community's parties ask of a grant's disbursement (docs/decisions.md "Grant disbursement"): an
 * objection to a tranche during its public notice, or a proposal to claw back a paid tranche. The community
 * only checks who speaks and sends it; governance applies it to `disbursement/<grantId>` and, if it refuses,
 * says why (disbursement.request-refused, written back here).
 */

export const REQUEST_KINDS = ['objection', 'clawback'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

const TrancheNo = Type.Integer({ minimum: 1, maximum: 24 });
const CommunityBody = Type.Union([Type.Literal('community'), Type.Literal('residents')]);
// The community's code as codeProblem checks it, so that the document states it.
const CommunityCode = StrictCommunityCode;
/** The events' SubstantiatedReason (a code and a text that says what is wrong), as a request body takes it. */
export const ReasonBody = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 60, pattern: '^[a-z-]+$', description: 'e.g. evidence-false' }),
    text: Type.String({ minLength: 10, maxLength: 2000 }),
  },
  { additionalProperties: false },
);

export const ObjectionBody = Type.Object(
  { communityCode: CommunityCode, trancheNo: TrancheNo, party: CommunityBody, reason: ReasonBody },
  { additionalProperties: false },
);
export const ClawbackBody = Type.Object(
  {
    communityCode: CommunityCode,
    trancheNo: TrancheNo,
    party: CommunityBody,
    reason: ReasonBody,
    amount: Type.Object(
      { amountFen: Type.Integer({ minimum: 1 }), currency: Type.Literal('CNY') },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export interface RequestInput {
  kind: RequestKind;
  grantId: string;
  communityCode: string;
  trancheNo: number;
  partyId: string;
  reason: SubstantiatedReason;
  amount: MoneyFen | null;
}

export interface DisbursementRequest extends RequestInput {
  requestId: string;
  eventId: string;
  castBySub: string;
  createdAt: string;
  status: 'sent' | 'refused';
  refusal: { code: string; reason: string } | null;
}

const EVENT_TYPE = {
  objection: 'sanshe.community.disbursement.objection-raised.v1',
  clawback: 'sanshe.community.disbursement.clawback-proposed.v1',
} as const;

type RequestEvent = Omit<NewEvent<(typeof EVENT_TYPE)[RequestKind]>, 'source'>;

/**
 * The request and the one event that carries it to governance. castBy is the party (the community speaks
 * for it, as for votes): the representative's sub stays in the community's own table.
 */
export function raiseRequest(
  requestId: string,
  input: RequestInput,
  castBySub: string,
  now: Date,
): { request: DisbursementRequest; event: RequestEvent } {
  const type = EVENT_TYPE[input.kind];
  const eventId = `${type}:${requestId}`;
  const { grantId, trancheNo, partyId, reason, amount } = input;
  const request: DisbursementRequest = {
    ...input,
    ...{ requestId, eventId, castBySub, createdAt: now.toISOString() },
    status: 'sent',
    refusal: null,
  };
  const common = { grantId, trancheNo, partyId, castBy: partyId, reason: { code: reason.code, text: reason.text } };
  const data = input.kind === 'clawback' && amount ? { ...common, amount } : common;
  return { request, event: { type, subject: grantId, id: eventId, data } as RequestEvent };
}

/** Who may read a community's requests: its committee (members and staff) and its residents' representatives. */
export function readerRefusal(
  who: { sub: string; roles: readonly string[]; parties: readonly string[] },
  communityCode: string,
  readers: readonly { role: string; party: string }[],
): string | null {
  if (readers.some(({ role, party }) => who.roles.includes(role) && who.parties.includes(party))) return null;
  const needed = readers.map(({ role, party }) => `${role} for ${party}`).join(', or ');
  return `${who.sub} may not see the disbursement requests of community ${communityCode}: it needs the role ${needed}`;
}
