import { Type } from '@sinclair/typebox';
import type { MoneyFen, NewEvent, SubstantiatedReason } from '@sanshe/contracts';

/*
 * What a grant's funder asks of its disbursement (docs/decisions.md "Grant disbursement"), through funding:
 * an objection to a tranche during its public notice, a clawback of a paid tranche, the grant's cancellation.
 * Funding checks what it knows (the grant, its funder, what each tranche paid) and sends it; governance
 * decides, and a refusal comes back as disbursement.request-refused.
 */

export const REQUEST_KINDS = ['objection', 'clawback', 'cancellation'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

const TrancheNo = Type.Integer({ minimum: 1, maximum: 24 });
/** The events' SubstantiatedReason (a code and a text that says what is wrong), as a request body takes it. */
const ReasonBody = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 60, pattern: '^[a-z-]+$', description: 'e.g. evidence-false' }),
    text: Type.String({ minLength: 10, maxLength: 2000 }),
  },
  { additionalProperties: false },
);
const Amount = Type.Object(
  { amountFen: Type.Integer({ minimum: 1 }), currency: Type.String({ pattern: '^[A-Z]{3}$' }) },
  { additionalProperties: false },
);

export const REQUEST_BODIES = {
  objection: Type.Object({ trancheNo: TrancheNo, reason: ReasonBody }, { additionalProperties: false }),
  clawback: Type.Object({ trancheNo: TrancheNo, amount: Amount, reason: ReasonBody }, { additionalProperties: false }),
  cancellation: Type.Object({ reason: ReasonBody }, { additionalProperties: false }),
} as const;

export interface RequestInput {
  kind: RequestKind;
  grantId: string;
  /** Null for a cancellation: it is about the whole grant. */
  trancheNo: number | null;
  /** The grant's funder (`funder:*` or `portal:*`): the party that asks. */
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

/** What funding knows of the grant and, for a tranche, of its payment. */
export interface GrantFacts {
  status: string;
  currency: string;
  trancheNos: number[];
  payment: { status: string; amountFen: number } | null;
}

export type RequestConflict =
  | { code: 'grant-not-active'; message: string; status: string }
  | { code: 'tranche-not-paid'; message: string; paymentStatus: string | null }
  | { code: 'amount-exceeds-paid'; message: string; paidFen: number; requestedFen: number };

/**
 * Why the grant does not take the request (null when it does): it must be active (409); a tranche must be one
 * of its schedule and an amount in its currency (400, `input`); a clawback's tranche paid (its payment settled)
 * and its amount at most what the tranche paid (409).
 */
export function requestConflict(
  input: RequestInput,
  grant: GrantFacts,
): RequestConflict | { code: 'input'; path: string; message: string } | null {
  const { grantId, trancheNo, amount } = input;
  if (grant.status !== 'active') {
    const message = `grant ${grantId} is ${grant.status}: only an active grant's disbursement takes requests`;
    return { code: 'grant-not-active', message, status: grant.status };
  }
  if (trancheNo !== null && !grant.trancheNos.includes(trancheNo)) {
    const message = `grant ${grantId} has tranches ${grant.trancheNos.join(', ')}, not ${trancheNo}`;
    return { code: 'input', path: '/body/trancheNo', message };
  }
  if (input.kind !== 'clawback' || !amount) return null;
  if (amount.currency !== grant.currency) {
    return { code: 'input', path: '/body/amount/currency', message: `grant ${grantId} is in ${grant.currency}` };
  }
  const { payment } = grant;
  if (payment?.status !== 'settled') {
    const state = payment ? `payment ${payment.status}` : 'no payment';
    const message = `tranche ${trancheNo} of grant ${grantId} is not paid (${state})`;
    return { code: 'tranche-not-paid', message, paymentStatus: payment?.status ?? null };
  }
  if (amount.amountFen > payment.amountFen) {
    const message =
      `tranche ${trancheNo} of grant ${grantId} paid ${payment.amountFen} fen: ` +
      `${amount.amountFen} fen cannot be clawed back`;
    return { code: 'amount-exceeds-paid', message, paidFen: payment.amountFen, requestedFen: amount.amountFen };
  }
  return null;
}

const EVENT_TYPE = {
  objection: 'sanshe.funding.disbursement.objection-raised.v1',
  clawback: 'sanshe.funding.disbursement.clawback-proposed.v1',
  cancellation: 'sanshe.funding.disbursement.cancellation-requested.v1',
} as const;

type RequestEvent = Omit<NewEvent<(typeof EVENT_TYPE)[RequestKind]>, 'source'>;

/** The request and the one event that carries it (castBy = the funder party: the staff member's sub stays here). */
export function raiseRequest(
  requestId: string,
  input: RequestInput,
  castBySub: string,
  now: Date,
): { request: DisbursementRequest; event: RequestEvent } {
  const type = EVENT_TYPE[input.kind];
  const eventId = `${type}:${requestId}`;
  const { grantId, trancheNo, partyId, amount } = input;
  const reason = { code: input.reason.code, text: input.reason.text };
  const request: DisbursementRequest = {
    ...input,
    ...{ requestId, eventId, castBySub, createdAt: now.toISOString() },
    status: 'sent',
    refusal: null,
  };
  const asked = { grantId, partyId, castBy: partyId, reason };
  const data =
    input.kind === 'cancellation' ? asked : { ...asked, trancheNo, ...(input.kind === 'clawback' ? { amount } : {}) };
  return { request, event: { type, subject: grantId, id: eventId, data } as RequestEvent };
}
