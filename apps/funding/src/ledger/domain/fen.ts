import { LedgerError } from './ledger-errors';

const INTEGER = /^-?\d+$/;

/**
 * A fen amount as PostgreSQL returns a bigint (a string), checked: an integer within
 * Number.MAX_SAFE_INTEGER, else an error — never parseFloat, never a silently rounded Number.
 */
export function fenFromPg(value: string | number | bigint): number {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new RangeError(`fen amount ${value} is not a safe integer`);
    return value;
  }
  const text = String(value);
  if (!INTEGER.test(text)) throw new RangeError(`fen amount "${text}" is not an integer`);
  const big = BigInt(text);
  if (big > BigInt(Number.MAX_SAFE_INTEGER) || big < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`fen amount ${text} is beyond Number.MAX_SAFE_INTEGER`);
  }
  return Number(big);
}

/** A nullable bigint column (a cap) the same way. */
export const nullableFenFromPg = (value: string | number | null): number | null =>
  value === null ? null : fenFromPg(value);

/** Refuses an amount that is not a positive safe integer of fen (a posting line's amount). */
export function assertPositiveFen(amountFen: number, what: string): void {
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0) {
    throw new LedgerError('invalid-posting', `${what} must be a positive integer of fen, got ${amountFen}`);
  }
}
