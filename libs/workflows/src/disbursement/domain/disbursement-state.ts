import type { PaymentOutcome } from '../../funding/funding-activities';
import type {
  CancellationRequest,
  CarriedDisbursement,
  DisbursementInput,
  DisbursementStage,
  DisbursementView,
  EvidenceSubmission,
  NoticeObjection,
  VerificationRecord,
} from './disbursement-types';

/** What the workflow knows; pure, so that the rules are tested without Temporal. */
export interface DisbursementState extends CarriedDisbursement {
  organizationId: string;
  stage: DisbursementStage;
  evidence: EvidenceSubmission[];
  /** Evidence accepted since the last verification opened. */
  freshEvidence: boolean;
  /** The latest evidence-accepted fact's event id: the verification's opening event. */
  evidenceEventId: string | null;
  verifications: VerificationRecord[];
  /** The verification decision running now, if any. */
  openVerification: string | null;
  /** The parties seated in the tranche's latest verification: they (and portals) may object during notice. */
  seatedPartyIds: string[];
  noticeUntil: number | null;
  objections: NoticeObjection[];
  /** An objection that reopens verification, not yet acted on. */
  upheldObjection: NoticeObjection | null;
  payment: PaymentOutcome | null;
  /** Funding said the current tranche's payment settled (a hint: paymentStatus is asked at once). */
  settlementSignalled: boolean;
  retryRequested: boolean;
  cancellation: (CancellationRequest & { decisionId?: string; result?: string }) | null;
  cancelled: boolean;
  /** Clawback decisions running, by trancheNo. */
  clawbacksRunning: number[];
}

export function initialState(input: DisbursementInput): DisbursementState {
  const carried = input.carried ?? { trancheIndex: 0, paid: [], factCounts: {}, cancellationRounds: 0, clawbacks: [] };
  return {
    ...carried,
    organizationId: input.organizationId,
    stage: carried.trancheIndex === 0 ? 'reserving' : 'awaiting-evidence',
    evidence: [],
    freshEvidence: false,
    evidenceEventId: null,
    verifications: [],
    openVerification: null,
    seatedPartyIds: [],
    noticeUntil: null,
    objections: [],
    upheldObjection: null,
    payment: null,
    settlementSignalled: false,
    retryRequested: false,
    cancellation: null,
    cancelled: false,
    clawbacksRunning: [],
  };
}

export const carriedOf = (state: DisbursementState): CarriedDisbursement => ({
  trancheIndex: state.trancheIndex,
  paid: state.paid,
  factCounts: state.factCounts,
  cancellationRounds: state.cancellationRounds,
  clawbacks: state.clawbacks,
});

/** The next deterministic event id of `fact` for tranche `trancheNo` (0 for grant-level facts). */
export function nextFactId(state: DisbursementState, grantId: string, fact: string, trancheNo: number): string {
  const key = `${fact}/t${trancheNo}`;
  const k = (state.factCounts[key] ?? 0) + 1;
  state.factCounts[key] = k;
  return `disbursement/${grantId}/${key}/${k}`;
}

/** The verification decision's subject: `<grantId>.t<n>`, then `.t<n>.r<k>` for re-verifications (ids unique). */
export const verificationSubject = (grantId: string, trancheNo: number, round: number) =>
  round <= 1 ? `${grantId}.t${trancheNo}` : `${grantId}.t${trancheNo}.r${round}`;

export const currentTranche = (input: DisbursementInput, state: DisbursementState) =>
  input.tranches[state.trancheIndex];

export function viewOf(input: DisbursementInput, state: DisbursementState): DisbursementView {
  const tranche = state.stage === 'completed' ? undefined : currentTranche(input, state);
  return {
    grantId: input.grantId,
    programId: input.programId,
    stage: state.stage,
    trancheNo: tranche?.trancheNo ?? null,
    amountDueFen: tranche?.amountFen ?? 0,
    evidence: state.evidence,
    verifications: state.verifications,
    openVerification: state.openVerification,
    noticeUntil: state.noticeUntil === null ? null : new Date(state.noticeUntil).toISOString(),
    objections: state.objections,
    payment: state.payment,
    paid: state.paid,
    clawbacks: state.clawbacks,
    cancellation: state.cancellation
      ? { decisionId: state.cancellation.decisionId, result: state.cancellation.result }
      : null,
  };
}
