import { PROGRAM_CATEGORIES, PROGRAM_MODES } from '@sanshe/contracts';

/*
 * Funding flows grouped for a report (pure; apps/funding/README.md, "Reports"). The read side hands over
 * facts: a grant's award, and the ledger's movements on the grant's accounts, each with the day's month
 * (Asia/Shanghai) and the grant's dimensions. Sums are BigInt, never floating point; a row's amounts are
 * JSON integers of fen, or a decimal string beyond Number.MAX_SAFE_INTEGER (9 007 199 254 740 991 fen).
 */

export const FLOW_GROUPINGS = ['mode', 'category', 'community', 'organization', 'month'] as const;
export type FlowGrouping = (typeof FLOW_GROUPINGS)[number];

/** What a fact measures: the award, or a ledger movement on one of the grant's accounts. */
export const FLOW_MEASURES = ['awarded', 'reserved', 'paid', 'clawedBack', 'released'] as const;
export type FlowMeasure = (typeof FLOW_MEASURES)[number];

/** The dimensions of the grant a fact belongs to. */
export interface GrantDimensions {
  grantId: string;
  mode: string;
  category: string;
  communityCode: string;
  organizationId: string;
}

/** An amount of one measure on one grant in one month (YYYY-MM, Asia/Shanghai), in fen of `currency`. */
export interface FlowFact extends GrantDimensions {
  month: string;
  measure: FlowMeasure;
  currency: string;
  amountFen: bigint;
}

/** Fen as JSON carries it: an integer while exact in a double, else its decimal digits as a string. */
export type FenAmount = number | string;

export interface FlowRow {
  key: string;
  /** The zh label of a mode or category; absent for the other groupings. */
  label?: string;
  currency: string;
  awardedFen: FenAmount;
  reservedFen: FenAmount;
  paidFen: FenAmount;
  clawedBackFen: FenAmount;
  releasedFen: FenAmount;
  /** Distinct grants with a fact in the row (awarded, or money moved, in the period). */
  grants: number;
}

export function toFenAmount(fen: bigint): FenAmount {
  return fen <= BigInt(Number.MAX_SAFE_INTEGER) && fen >= BigInt(Number.MIN_SAFE_INTEGER)
    ? Number(fen)
    : fen.toString();
}

/** A row's key for `grouping`: the grant's mode, category, community or organization, or the fact's month. */
export function keyOf(fact: FlowFact, grouping: FlowGrouping): string {
  switch (grouping) {
    case 'mode':
      return fact.mode;
    case 'category':
      return fact.category;
    case 'community':
      return fact.communityCode;
    case 'organization':
      return fact.organizationId;
    case 'month':
      return fact.month;
  }
}

const LABELS: Partial<Record<FlowGrouping, ReadonlyMap<string, string>>> = {
  mode: new Map(PROGRAM_MODES.map(({ code, label }) => [code, label])),
  category: new Map(PROGRAM_CATEGORIES.map(({ code, label }) => [code, label])),
};

interface Totals {
  key: string;
  currency: string;
  sums: Record<FlowMeasure, bigint>;
  grants: Set<string>;
}

const zeroSums = (): Record<FlowMeasure, bigint> => ({
  awarded: 0n,
  reserved: 0n,
  paid: 0n,
  clawedBack: 0n,
  released: 0n,
});

/** One row per key and currency (currencies are never added together), ordered by key then currency. */
export function flowRows(facts: readonly FlowFact[], grouping: FlowGrouping): FlowRow[] {
  const totals = new Map<string, Totals>();
  for (const fact of facts) {
    const key = keyOf(fact, grouping);
    const id = JSON.stringify([key, fact.currency]);
    let row = totals.get(id);
    if (!row) totals.set(id, (row = { key, currency: fact.currency, sums: zeroSums(), grants: new Set() }));
    row.sums[fact.measure] += fact.amountFen;
    row.grants.add(fact.grantId);
  }
  return [...totals.values()]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.currency < b.currency ? -1 : 1))
    .map(({ key, currency, sums, grants }) => {
      const label = LABELS[grouping]?.get(key);
      return {
        key,
        ...(label ? { label } : {}),
        currency,
        awardedFen: toFenAmount(sums.awarded),
        reservedFen: toFenAmount(sums.reserved),
        paidFen: toFenAmount(sums.paid),
        clawedBackFen: toFenAmount(sums.clawedBack),
        releasedFen: toFenAmount(sums.released),
        grants: grants.size,
      };
    });
}
