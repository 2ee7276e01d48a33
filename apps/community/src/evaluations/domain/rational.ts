/**
 * Exact fractions for scores: means and weighted sums stay exact until the one rounding at the end, so
 * a score never depends on the order of floating-point operations. Denominators are always positive.
 */
export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));

export function rational(num: bigint | number, den: bigint | number = 1n): Rational {
  let n = BigInt(num);
  let d = BigInt(den);
  if (d === 0n) throw new RangeError('a rational with denominator 0');
  if (d < 0n) [n, d] = [-n, -d];
  const divisor = gcd(n, d) || 1n;
  return { num: n / divisor, den: d / divisor };
}

export const add = (a: Rational, b: Rational): Rational => rational(a.num * b.den + b.num * a.den, a.den * b.den);
export const mul = (a: Rational, b: Rational): Rational => rational(a.num * b.num, a.den * b.den);
export const div = (a: Rational, b: Rational): Rational => rational(a.num * b.den, a.den * b.num);
export const compare = (a: Rational, b: Rational): number => Number(a.num * b.den - b.num * a.den);
export const min = (first: Rational, ...rest: Rational[]): Rational =>
  rest.reduce((low, next) => (compare(next, low) < 0 ? next : low), first);
export const sum = (values: Rational[]): Rational => values.reduce(add, rational(0));
export const mean = (values: Rational[]): Rational => div(sum(values), rational(values.length));

/** Hundredths, rounded half up (for the non-negative values scores are): 4.442857… → 444, 4.405 → 441. */
export function toHundredths(value: Rational): number {
  if (value.num < 0n) throw new RangeError('scores are never negative');
  return Number((value.num * 200n + value.den) / (2n * value.den));
}

/** Rounded half up to 2 decimals, as a number (4.31). */
export const toFixed2 = (value: Rational): number => toHundredths(value) / 100;
