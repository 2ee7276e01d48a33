import type { Tranche, TranchePlanLine } from './tranche-schedule';
import { trancheSchedule } from './tranche-schedule';

/*
 * A grant's lifecycle (pure). Funding proposes it (awarded, with grant.awarded, which opens the grant-award
 * decision in governance); only that decision's outcome moves it on: approved → active with its tranches,
 * rejected or withdrawn → voided. Active → completed when its last tranche is paid (payments).
 */

export const GRANT_STATUSES = ['awarded', 'active', 'voided', 'completed'] as const;
export type GrantStatus = (typeof GRANT_STATUSES)[number];

/** Why a grant was voided, as grant.voided's reasonCode says it. */
export const VOID_REASON_CODES = [
  'decision-rejected',
  'decision-withdrawn',
  'budget-exhausted',
  'organization-deregistered',
  'cancelled',
] as const;
export type VoidReasonCode = (typeof VOID_REASON_CODES)[number];

/** Where each status may go. An active grant is cancelled only by a decision of issue 16, not here. */
export const GRANT_TRANSITIONS: Readonly<Record<GrantStatus, readonly GrantStatus[]>> = {
  awarded: ['active', 'voided'],
  active: ['completed'],
  voided: [],
  completed: [],
};

export interface Grant {
  grantId: string;
  applicationId: string | null;
  proposalId: string | null;
  programId: string;
  organizationId: string;
  communityCode: string;
  funderId: string;
  amountFen: number;
  currency: string;
  title: string;
  status: GrantStatus;
  /** The program's tranche plan as it stood at the award: the schedule activation applies. */
  tranchePlan: TranchePlanLine[];
  decisionId: string;
  tranches: Tranche[] | null;
  activatedAt: string | null;
  voidedReasonCode: VoidReasonCode | null;
}

export const GRANT_AWARD_KIND = 'grant-award';

/** `decision/grant-award/<grantId>`: the decision governance opens from grant.awarded. */
export const grantDecisionId = (grantId: string) => `decision/${GRANT_AWARD_KIND}/${grantId}`;

export const canMove = (from: GrantStatus, to: GrantStatus): boolean => GRANT_TRANSITIONS[from].includes(to);

/** What a decided grant-award means for the grant: activate it, or void it with the reason's code. */
export type DecisionEffect = { kind: 'activate' } | { kind: 'void'; reasonCode: VoidReasonCode };

export function effectOfDecision(result: 'approved' | 'rejected' | 'withdrawn'): DecisionEffect {
  switch (result) {
    case 'approved':
      return { kind: 'activate' };
    case 'rejected':
      return { kind: 'void', reasonCode: 'decision-rejected' };
    case 'withdrawn':
      return { kind: 'void', reasonCode: 'decision-withdrawn' };
  }
}

/** The grant activated at `at`: its tranches by the plan it was awarded with. Only an awarded grant activates. */
export function activated(grant: Grant, at: Date): Grant | null {
  if (!canMove(grant.status, 'active')) return null;
  const tranches = trancheSchedule(grant.amountFen, grant.tranchePlan, at);
  return { ...grant, status: 'active', tranches, activatedAt: at.toISOString() };
}

/** The grant voided for `reasonCode`; null when it can no longer be (active, completed, already voided). */
export function voided(grant: Grant, reasonCode: VoidReasonCode): Grant | null {
  if (!canMove(grant.status, 'voided')) return null;
  return { ...grant, status: 'voided', voidedReasonCode: reasonCode };
}

/** The people's text for each void reason (grant.voided's `reason`). */
export const VOID_REASON_TEXTS: Readonly<Record<VoidReasonCode, string>> = {
  'decision-rejected': '资助决定未获通过，资助作废。 The grant-award decision was rejected.',
  'decision-withdrawn': '资助方撤回了资助提议，资助作废。 The funder withdrew the grant-award decision.',
  'budget-exhausted': '项目可用预算不足以预留该笔资助，资助作废。 The program no longer had the amount available.',
  'organization-deregistered': '受资助社会组织已注销，资助作废。 The organization was deregistered.',
  cancelled: '资助已取消。 The grant was cancelled.',
};
