import type { Program } from '../../programs/domain/program';
import { type Grant, VOID_REASON_TEXTS, type VoidReasonCode } from '../domain/grant';

/** grant.activated: the tranches (summing exactly to the amount) and the program's terms issue 16 reads. */
export function activatedEvent(grant: Grant, program: Program | null, reservedAt: string) {
  const { grantId, programId, organizationId, communityCode, proposalId, decisionId, currency } = grant;
  return {
    type: 'sanshe.funding.grant.activated.v1' as const,
    subject: grantId,
    id: `sanshe.funding.grant.activated.v1:${grantId}`,
    data: {
      grantId,
      programId,
      organizationId,
      communityCode,
      ...(proposalId ? { proposalId } : {}),
      decisionId,
      amount: { amountFen: grant.amountFen, currency },
      tranches: (grant.tranches ?? []).map(({ trancheNo, amountFen, milestone, dueDate }) => ({
        trancheNo,
        amount: { amountFen, currency },
        milestone,
        dueDate,
      })),
      funderId: grant.funderId,
      ...(program
        ? { mode: program.mode, category: program.category, noticeWorkingDays: program.noticeWorkingDays }
        : {}),
      reservedAt,
    },
  };
}

/** grant.voided with its reason's code and text. */
export function voidedEvent(grant: Grant, reasonCode: VoidReasonCode, decisionId?: string) {
  const { grantId, organizationId } = grant;
  return {
    type: 'sanshe.funding.grant.voided.v1' as const,
    subject: grantId,
    id: `sanshe.funding.grant.voided.v1:${grantId}`,
    data: {
      grantId,
      organizationId,
      ...(decisionId ? { decisionId } : {}),
      reason: VOID_REASON_TEXTS[reasonCode],
      reasonCode,
    },
  };
}
