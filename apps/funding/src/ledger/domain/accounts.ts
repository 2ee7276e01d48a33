/**
 * The ledger's accounts. A program has a `source` (the funders' commitment, credit-normal) and an
 * `available` budget; a grant has `reserved`, `payable` (instructed, in flight), `paid` and
 * `clawback-receivable`. Every account but `source` is debit-normal: its balance (debits − credits) may
 * never go below zero, which is how "reservations never exceed the budget" holds. `reserved` and `paid`
 * are capped at the award: no grant reserved or paid beyond it.
 */
export type AccountOwnerKind = 'program' | 'grant';
export type ProgramAccountPurpose = 'source' | 'available';
export type GrantAccountPurpose = 'reserved' | 'payable' | 'paid' | 'clawback-receivable';
export type AccountPurpose = ProgramAccountPurpose | GrantAccountPurpose;
export type NormalSide = 'debit' | 'credit';
export type Side = NormalSide;

export const PROGRAM_ACCOUNT_PURPOSES: readonly ProgramAccountPurpose[] = ['source', 'available'];
export const GRANT_ACCOUNT_PURPOSES: readonly GrantAccountPurpose[] = [
  'reserved',
  'payable',
  'paid',
  'clawback-receivable',
];
/** The grant accounts whose balance may never exceed the award. */
export const AWARD_CAPPED_PURPOSES: readonly GrantAccountPurpose[] = ['reserved', 'paid'];

/** An account as the ledger opens it (balance zero). */
export interface AccountDefinition {
  accountId: string;
  ownerKind: AccountOwnerKind;
  ownerId: string;
  purpose: AccountPurpose;
  currency: string;
  normalSide: NormalSide;
  /** The largest balance allowed; null = no cap. */
  capFen: number | null;
}

/** An account's state: the definition and its balance in fen on its normal side. */
export interface AccountBalance extends AccountDefinition {
  balanceFen: number;
}

export const programAccountId = (programId: string, purpose: ProgramAccountPurpose): string =>
  `program/${programId}/${purpose}`;

export const grantAccountId = (grantId: string, purpose: GrantAccountPurpose): string => `grant/${grantId}/${purpose}`;

export function programAccounts(programId: string, currency: string): AccountDefinition[] {
  return PROGRAM_ACCOUNT_PURPOSES.map((purpose) => ({
    accountId: programAccountId(programId, purpose),
    ownerKind: 'program',
    ownerId: programId,
    purpose,
    currency,
    normalSide: purpose === 'source' ? 'credit' : 'debit',
    capFen: null,
  }));
}

export function grantAccounts(grantId: string, currency: string, awardFen: number): AccountDefinition[] {
  return GRANT_ACCOUNT_PURPOSES.map((purpose) => ({
    accountId: grantAccountId(grantId, purpose),
    ownerKind: 'grant',
    ownerId: grantId,
    purpose,
    currency,
    normalSide: 'debit',
    capFen: AWARD_CAPPED_PURPOSES.includes(purpose) ? awardFen : null,
  }));
}

/** How a line moves an account's balance: + on its normal side, − on the other. */
export const balanceDelta = (normalSide: NormalSide, side: Side, amountFen: number): number =>
  side === normalSide ? amountFen : -amountFen;
