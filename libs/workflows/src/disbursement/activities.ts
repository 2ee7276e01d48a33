import type { WorkingCalendar } from './domain/working-days';

/**
 * What the disbursement workflow asks of governance, on governance's own task queue (the workflow's): implemented
 * by governance's worker (issue 16, next piece). Both are idempotent on their keys.
 */

/** Evidence hashes claimed by another grant (or another tranche of this one): the claim is refused. */
export interface EvidenceConflict {
  sha256: string;
  grantId: string;
  trancheNo: number;
}

export interface ClaimEvidenceInput {
  grantId: string;
  trancheNo: number;
  hashes: string[];
}

/**
 * A workflow fact for the outbox: `eventId` is deterministic (`disbursement/<grantId>/<fact>/t<n>/<k>`) so a
 * retried publish is a duplicate; `type` is a sanshe.governance.disbursement.*.v1 type, `data` its payload.
 */
export interface DisbursementFact {
  eventId: string;
  type: `sanshe.governance.disbursement.${string}.v1`;
  grantId: string;
  data: Record<string, unknown>;
}

export interface DisbursementActivities {
  /** The public calendar from the day `from` (YYYY-MM-DD, Shanghai) on: the notice window is counted on it. */
  noticeCalendar(input: { from: string }): Promise<WorkingCalendar>;
  /** Claims the hashes for this grant and tranche (a repeat by the same grant is fine); answers the conflicts. */
  claimEvidence(input: ClaimEvidenceInput): Promise<{ conflicts: EvidenceConflict[] }>;
  publishDisbursementFact(fact: DisbursementFact): Promise<void>;
}
