/**
 * The pieces of "what is happening in my community", as the read model holds them, and the pure rules
 * that order and total them. Every row comes from another context's events.
 */

export interface OverviewProposal {
  proposalId: string;
  organizationId: string;
  title: string;
  needId: string | null;
  /** How many times the organization amended it. */
  amended: number;
  submittedAt: Date;
}

export type DecisionStage = 'voting' | 'escalated' | 'decided';

export interface OverviewDecision {
  decisionId: string;
  kind: string;
  subjectId: string;
  title: string | null;
  stage: DecisionStage;
  escalationLevel: number | null;
  arbiterId: string | null;
  result: string | null;
  decidedBy: string | null;
  updatedAt: Date;
}

export type GrantStatus = 'awarded' | 'approved' | 'rejected';

export interface OverviewGrant {
  grantId: string;
  programId: string | null;
  organizationId: string | null;
  funderId: string | null;
  /** Null until the award itself arrives (its decision may come first). */
  amount: { amountFen: number; currency: string } | null;
  title: string | null;
  status: GrantStatus;
  decisionId: string | null;
  updatedAt: Date;
}

export interface ActiveOrganization {
  organizationId: string;
  proposals: number;
  activitiesCompleted: number;
  lastSeenAt: Date;
}

/** Per currency: what awaits the award decision, what was approved, what was rejected (fen). */
export interface GrantTotal {
  currency: string;
  awardedFen: number;
  approvedFen: number;
  rejectedFen: number;
}

const FIELD_OF: Record<GrantStatus, keyof Omit<GrantTotal, 'currency'>> = {
  awarded: 'awardedFen',
  approved: 'approvedFen',
  rejected: 'rejectedFen',
};

/** Sums the grants whose amount is known, per currency (integer fen, never floating point). */
export function grantTotals(grants: readonly OverviewGrant[]): GrantTotal[] {
  const totals = new Map<string, GrantTotal>();
  for (const { amount, status } of grants) {
    if (!amount) continue;
    const total = totals.get(amount.currency) ?? {
      currency: amount.currency,
      awardedFen: 0,
      approvedFen: 0,
      rejectedFen: 0,
    };
    total[FIELD_OF[status]] += amount.amountFen;
    totals.set(amount.currency, total);
  }
  return [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}

/** Open decisions first (escalated before voting), then decided ones; most recently changed first within each. */
export function orderDecisions(decisions: readonly OverviewDecision[]): OverviewDecision[] {
  const rank: Record<DecisionStage, number> = { escalated: 0, voting: 1, decided: 2 };
  return [...decisions].sort((a, b) => rank[a.stage] - rank[b.stage] || b.updatedAt.getTime() - a.updatedAt.getTime());
}

/**
 * The position of a governance event in its decision's audit trail, so a late or repeated event never
 * rolls a row back: decided carries the trail's length; the others are numbered `<decisionId>/<seq>`.
 * 0 for an id of another shape (it then only ever creates a row).
 */
export function decisionSeqOf(eventId: string, auditLength?: number): number {
  if (auditLength !== undefined) return auditLength;
  const seq = /\/(\d+)$/.exec(eventId)?.[1];
  return seq === undefined ? 0 : Number(seq);
}
