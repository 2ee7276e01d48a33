import type { EntityManager } from 'typeorm';
import type { GrantPlan } from '@sanshe/workflows';

/** A grant as its budget activities need it: what it reserves from which program, and its schedule. */
export interface GrantBudget {
  grantId: string;
  programId: string;
  organizationId: string;
  communityCode: string;
  status: GrantPlan['status'];
  amountFen: number;
  currency: string;
  /** The program's public notice period (公示期), in working days. */
  noticeWorkingDays: number;
  tranches: { trancheNo: number; amountFen: number; milestone: string; dueDate: string }[] | null;
}

/**
 * The port onto the grants' and programs' tables for funding's activities, in the caller's transaction.
 * `lock`: the grant row FOR NO KEY UPDATE (as payments lock it), so a reservation or release of one grant
 * runs one at a time.
 */
export abstract class GrantBudgets {
  abstract find(manager: EntityManager, grantId: string, lock: boolean): Promise<GrantBudget | null>;
  /** The trancheNos of the grant that have a settled payment. */
  abstract paidTranches(manager: EntityManager, grantId: string): Promise<number[]>;
}

/** The plan an activity answers: the grant, and each scheduled tranche with whether it is paid. */
export function grantPlanOf(grant: GrantBudget, paid: readonly number[]): GrantPlan {
  return {
    grantId: grant.grantId,
    programId: grant.programId,
    organizationId: grant.organizationId,
    communityCode: grant.communityCode,
    status: grant.status,
    amountFen: grant.amountFen,
    currency: grant.currency,
    noticeWorkingDays: grant.noticeWorkingDays,
    tranches: (grant.tranches ?? []).map((t) => ({
      trancheNo: t.trancheNo,
      amountFen: t.amountFen,
      milestone: t.milestone,
      dueDate: t.dueDate,
      paid: paid.includes(t.trancheNo),
    })),
  };
}
