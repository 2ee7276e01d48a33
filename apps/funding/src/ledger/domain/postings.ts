import { grantAccountId, programAccountId, type Side } from './accounts';
import { assertPositiveFen } from './fen';
import { LedgerError } from './ledger-errors';

/** Money as the contracts' MoneyFen carries it: integer fen and an ISO 4217 currency. */
export interface Money {
  amountFen: number;
  currency: string;
}

export type PostingKind =
  'fund' | 'defund' | 'reserve' | 'release' | 'instruct' | 'settle' | 'fail' | 'clawback' | 'recover';

export const POSTING_KINDS: readonly PostingKind[] = [
  'fund',
  'defund',
  'reserve',
  'release',
  'instruct',
  'settle',
  'fail',
  'clawback',
  'recover',
];

export interface PostingLine {
  accountId: string;
  side: Side;
  amountFen: number;
}

/** What caused an entry: a program revision, a grant, or a grant's tranche (`<grantId>/<trancheNo>`). */
export interface PostingCause {
  type: 'program' | 'grant' | 'tranche';
  id: string;
}

/**
 * One balanced journal entry to post. The idempotency key names the business fact (`reserve/<grantId>`):
 * posting it again returns the original entry; the same key with other content is refused.
 */
export interface Posting {
  idempotencyKey: string;
  kind: PostingKind;
  cause: PostingCause;
  currency: string;
  lines: PostingLine[];
}

/** A two-line posting: `amount` from `credit` to `debit`. */
function transfer(
  idempotencyKey: string,
  kind: PostingKind,
  cause: PostingCause,
  amount: Money,
  debit: string,
  credit: string,
): Posting {
  assertPositiveFen(amount.amountFen, `${kind} amount`);
  if (!/^[A-Z]{3}$/.test(amount.currency)) {
    throw new LedgerError('invalid-posting', `currency "${amount.currency}" is not an ISO 4217 code`);
  }
  return {
    idempotencyKey,
    kind,
    cause,
    currency: amount.currency,
    lines: [
      { accountId: debit, side: 'debit', amountFen: amount.amountFen },
      { accountId: credit, side: 'credit', amountFen: amount.amountFen },
    ],
  };
}

const tranche = (grantId: string, trancheNo: number): PostingCause => ({
  type: 'tranche',
  id: `${grantId}/${trancheNo}`,
});

/** The funders commit `amount` to the program (at opening, or a budget increase at `revision`). */
export const fundProgram = (programId: string, amount: Money, revision: number): Posting =>
  transfer(
    `fund/${programId}/${revision}`,
    'fund',
    { type: 'program', id: `${programId}@${revision}` },
    amount,
    programAccountId(programId, 'available'),
    programAccountId(programId, 'source'),
  );

/** A budget cut at `revision`: refused (insufficient-funds on available) when already reserved. */
export const defundProgram = (programId: string, amount: Money, revision: number): Posting =>
  transfer(
    `defund/${programId}/${revision}`,
    'defund',
    { type: 'program', id: `${programId}@${revision}` },
    amount,
    programAccountId(programId, 'source'),
    programAccountId(programId, 'available'),
  );

/** The award set aside from the program's available budget, once per grant. */
export const reserveGrant = (programId: string, grantId: string, amount: Money): Posting =>
  transfer(
    `reserve/${grantId}`,
    'reserve',
    { type: 'grant', id: grantId },
    amount,
    grantAccountId(grantId, 'reserved'),
    programAccountId(programId, 'available'),
  );

/** The unspent reservation back to the program; the caller names the key (e.g. `release/<grantId>`). */
export const releaseReservation = (programId: string, grantId: string, amount: Money, key: string): Posting =>
  transfer(
    key,
    'release',
    { type: 'grant', id: grantId },
    amount,
    programAccountId(programId, 'available'),
    grantAccountId(grantId, 'reserved'),
  );

/** A tranche's payment instructed: reserved → payable (in flight). */
export const instructPayment = (grantId: string, trancheNo: number, amount: Money): Posting =>
  transfer(
    `instruct/${grantId}/${trancheNo}`,
    'instruct',
    tranche(grantId, trancheNo),
    amount,
    grantAccountId(grantId, 'payable'),
    grantAccountId(grantId, 'reserved'),
  );

/** The rail settled it: payable → paid (paid is capped at the award). */
export const settlePayment = (grantId: string, trancheNo: number, amount: Money): Posting =>
  transfer(
    `settle/${grantId}/${trancheNo}`,
    'settle',
    tranche(grantId, trancheNo),
    amount,
    grantAccountId(grantId, 'paid'),
    grantAccountId(grantId, 'payable'),
  );

/** The rail refused it: payable back to reserved. */
export const failPayment = (grantId: string, trancheNo: number, amount: Money): Posting =>
  transfer(
    `fail/${grantId}/${trancheNo}`,
    'fail',
    tranche(grantId, trancheNo),
    amount,
    grantAccountId(grantId, 'reserved'),
    grantAccountId(grantId, 'payable'),
  );

/** A clawback of a paid tranche requested: paid → clawback receivable (never more than was paid). */
export const requestClawback = (grantId: string, trancheNo: number, amount: Money): Posting =>
  transfer(
    `clawback/${grantId}/${trancheNo}`,
    'clawback',
    tranche(grantId, trancheNo),
    amount,
    grantAccountId(grantId, 'clawback-receivable'),
    grantAccountId(grantId, 'paid'),
  );

/** The clawed-back money recovered into the program's available budget. */
export const recoverClawback = (programId: string, grantId: string, trancheNo: number, amount: Money): Posting =>
  transfer(
    `recover/${grantId}/${trancheNo}`,
    'recover',
    tranche(grantId, trancheNo),
    amount,
    programAccountId(programId, 'available'),
    grantAccountId(grantId, 'clawback-receivable'),
  );
