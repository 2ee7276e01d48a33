import type { GapKind } from '@sanshe/contracts';
import { type FenAmount, toFenAmount } from '../../reports/domain/flow-report';
import { fundedUntilOf } from './funding-gaps';
import type { GapState } from './gap-episodes';
import type { ScheduledTranche } from './gap.repository';
import { daysFrom } from '../../calendar/shanghai-calendar';

/*
 * An organization's funding as it stands on `today` (pure): what its active and completed grants secure,
 * what reached it, what was clawed back, its next tranche, its runway and its open gaps.
 */

export interface MoneyTotal {
  currency: string;
  amountFen: FenAmount;
}

export interface NextTranche {
  grantId: string;
  programId: string;
  trancheNo: number;
  amount: { amountFen: number; currency: string };
  milestone: string;
  dueDate: string;
  /** dueDate − today in days: negative when late. */
  daysUntilDue: number;
}

export interface OpenGap {
  kind: GapKind;
  episode: number;
  since: string;
  detectedOn: Record<string, unknown>;
}

export interface FundingView {
  organizationId: string;
  today: string;
  secured: MoneyTotal[];
  received: MoneyTotal[];
  clawedBack: MoneyTotal[];
  nextTranche: NextTranche | null;
  fundedUntil: string | null;
  daysLeft: number | null;
  warnDays: number;
  gaps: OpenGap[];
}

/** Σ amounts per currency in BigInt, ordered by currency. */
export function totalsByCurrency(amounts: readonly { currency: string; amountFen: number | bigint }[]): MoneyTotal[] {
  const sums = new Map<string, bigint>();
  for (const { currency, amountFen } of amounts) sums.set(currency, (sums.get(currency) ?? 0n) + BigInt(amountFen));
  return [...sums.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([currency, fen]) => ({ currency, amountFen: toFenAmount(fen) }));
}

/** The earliest unpaid tranche of an active grant (ties: grantId, trancheNo), late or not. */
export function nextTrancheOf(tranches: readonly ScheduledTranche[], today: string): NextTranche | null {
  const [next] = tranches
    .filter((t) => t.grantActive && !t.paid)
    .sort(
      (a, b) => a.dueDate.localeCompare(b.dueDate) || a.grantId.localeCompare(b.grantId) || a.trancheNo - b.trancheNo,
    );
  if (!next) return null;
  const { grantId, programId, trancheNo, amountFen, currency, milestone, dueDate } = next;
  return {
    ...{ grantId, programId, trancheNo, amount: { amountFen, currency }, milestone, dueDate },
    daysUntilDue: daysFrom(today, dueDate),
  };
}

export function fundingViewOf(
  organizationId: string,
  input: {
    tranches: readonly ScheduledTranche[];
    clawbacks: readonly { currency: string; amountFen: number }[];
    states: readonly GapState[];
  },
  today: string,
  warnDays: number,
): FundingView {
  const { tranches, clawbacks, states } = input;
  const fundedUntil = fundedUntilOf(tranches);
  return {
    organizationId,
    today,
    secured: totalsByCurrency(tranches),
    received: totalsByCurrency(tranches.filter((t) => t.paid)),
    clawedBack: totalsByCurrency(clawbacks),
    nextTranche: nextTrancheOf(tranches, today),
    fundedUntil,
    daysLeft: fundedUntil === null ? null : daysFrom(today, fundedUntil),
    warnDays,
    gaps: states
      .filter((s) => s.status === 'gap')
      .map((s) => ({ kind: s.kind, episode: s.episode, since: s.changedAt, detectedOn: { ...s.subject } })),
  };
}
