import { addDays, shanghaiDay } from '../../calendar/shanghai-calendar';

/*
 * A grant's tranche schedule (pure): the award split by the program's tranche plan in whole fen, and
 * each tranche's due date counted from the activation day where the service works (Asia/Shanghai).
 * Integers only: money never passes through floating point (apps/funding/README.md, "Applications and grants").
 */

/** One line of a program's tranche plan, as the program event carries it. */
export interface TranchePlanLine {
  trancheNo: number;
  /** Integer 1–100; a plan's percents sum to 100. */
  percent: number;
  milestone: string;
  /** Days after the activation day (≥ 0). */
  dueAfterDays: number;
}

/** One tranche of an activated grant, as grant.activated carries it (amountFen with the grant's currency). */
export interface Tranche {
  trancheNo: number;
  amountFen: number;
  milestone: string;
  /** YYYY-MM-DD */
  dueDate: string;
}

/**
 * `amountFen` split by `percents` (integers summing to 100) by the largest remainder: each share is
 * floor(amount × percent / 100), and the fen left over go one each to the largest remainders (a tie:
 * the earlier tranche first). The shares sum exactly to the amount. BigInt, so amount × percent never
 * loses precision.
 */
export function splitByPercents(amountFen: number, percents: readonly number[]): number[] {
  if (!Number.isSafeInteger(amountFen) || amountFen < 0)
    throw new RangeError(`amountFen ${amountFen} is not whole fen`);
  if (percents.some((percent) => !Number.isInteger(percent) || percent < 0)) {
    throw new RangeError(`percents ${percents.join('/')} are not whole`);
  }
  if (percents.reduce((sum, percent) => sum + percent, 0) !== 100) {
    throw new RangeError(`percents ${percents.join('/')} do not sum to 100`);
  }
  const amount = BigInt(amountFen);
  const exact = percents.map((percent) => amount * BigInt(percent));
  const shares = exact.map((product) => product / 100n);
  const remainders = exact.map((product, index) => ({ index, remainder: product % 100n }));
  let left = Number(amount - shares.reduce((sum, share) => sum + share, 0n));
  remainders.sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of remainders) {
    if (left === 0) break;
    shares[index] += 1n;
    left -= 1;
  }
  return shares.map(Number);
}

/**
 * The tranches of a grant of `amountFen` activated at `activatedAt`, by `plan` (in trancheNo order):
 * amounts by splitByPercents, due on the activation day (Asia/Shanghai) + dueAfterDays.
 */
export function trancheSchedule(amountFen: number, plan: readonly TranchePlanLine[], activatedAt: Date): Tranche[] {
  const ordered = [...plan].sort((a, b) => a.trancheNo - b.trancheNo);
  const amounts = splitByPercents(
    amountFen,
    ordered.map((line) => line.percent),
  );
  const activationDay = shanghaiDay(activatedAt);
  return ordered.map((line, index) => ({
    trancheNo: line.trancheNo,
    amountFen: amounts[index],
    milestone: line.milestone,
    dueDate: addDays(activationDay, line.dueAfterDays),
  }));
}
