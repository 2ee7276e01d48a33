import { ApplicationFailure } from '@temporalio/common';
import * as wf from '@temporalio/workflow';
import { decisionWorkflowId } from '../decision/decision.api';
import { runChildDecision } from '../hours/child-decision';
import {
  type CancellationRequest,
  type ClawbackProposal,
  disbursementStateQuery,
  type EvidenceSubmission,
  GRANT_CANCELLATION_KIND,
  GRANT_CLAWBACK_KIND,
  objectDuringNoticeUpdate,
  paymentSettledSignal,
  proposeClawbackUpdate,
  requestCancellationUpdate,
  retryPaymentUpdate,
  submitEvidenceUpdate,
} from './disbursement.api';
import { fundingOf, governance, money, publishFact, type Run, throwIfRefused } from './disbursement-context';
import {
  checkCancellation,
  checkClawback,
  checkEvidence,
  checkObjection,
  checkRetryPayment,
} from './domain/disbursement-rules';
import { currentTranche, viewOf } from './domain/disbursement-state';

/** The opening "event" of a side decision asked for by a bare Update (an operator's tool, a test). */
const UPDATE_TYPE = 'sanshe.governance.disbursement.started.v1';

/** The Updates and the `state` query. Cancellation and clawback handlers run until their decision settles. */
export function setHandlers(run: Run): void {
  const { input, state } = run;
  wf.setHandler(submitEvidenceUpdate, (submission) => acceptEvidence(run, submission), {
    validator: (submission) => throwIfRefused(checkEvidence(input, state, submission)),
  });
  wf.setHandler(
    objectDuringNoticeUpdate,
    (objection) => {
      state.objections.push(objection);
      state.upheldObjection = objection;
      return { reopened: true as const };
    },
    { validator: (objection) => throwIfRefused(checkObjection(input, state, objection)) },
  );
  wf.setHandler(
    retryPaymentUpdate,
    (request) => {
      state.retryRequested = true;
      return { retrying: true as const, operatorId: request.operatorId };
    },
    { validator: (request) => throwIfRefused(checkRetryPayment(state, request)) },
  );
  wf.setHandler(requestCancellationUpdate, (request) => decideCancellation(run, request), {
    validator: (request) => throwIfRefused(checkCancellation(state, request)),
  });
  wf.setHandler(proposeClawbackUpdate, (proposal) => decideClawback(run, proposal), {
    validator: (proposal) => throwIfRefused(checkClawback(state, proposal)),
  });
  wf.setHandler(paymentSettledSignal, ({ trancheNo }) => {
    if (trancheNo === currentTranche(input, state)?.trancheNo) state.settlementSignalled = true;
  });
  wf.setHandler(disbursementStateQuery, () => viewOf(input, state));
}

/** Claims the hashes for this grant (refused when another grant holds one), then accepts the evidence. */
async function acceptEvidence(run: Run, submission: EvidenceSubmission): Promise<{ accepted: number }> {
  const { input, state } = run;
  const hashes = submission.evidence.map((piece) => piece.sha256);
  const { conflicts } = await governance.claimEvidence({
    grantId: input.grantId,
    trancheNo: submission.trancheNo,
    hashes,
  });
  if (conflicts.length > 0) {
    const where = conflicts.map((c) => `${c.sha256.slice(0, 12)}… in ${c.grantId} tranche ${c.trancheNo}`);
    throw ApplicationFailure.create({
      type: 'EvidenceReused',
      message: `evidence already claimed elsewhere: ${where.join('; ')}`,
      nonRetryable: true,
      details: [conflicts],
    });
  }
  state.evidence.push(submission);
  state.evidenceEventId = await publishFact(run, 'evidence-accepted', submission.trancheNo, {
    source: submission.source,
    evidenceSha256: hashes,
    submittedBy: submission.submittedBy,
  });
  // Evidence that arrives while a verification already runs is recorded, not verified again on its own.
  state.freshEvidence = state.stage === 'awaiting-evidence' || state.stage === 'remediation';
  return { accepted: hashes.length };
}

/** A grant-cancellation decision (subject the grantId, `.r<k>` after a rejected one); approved stops the grant. */
async function decideCancellation(run: Run, request: CancellationRequest) {
  const { input, state } = run;
  state.cancellationRounds += 1;
  const round = state.cancellationRounds;
  const subjectId = round <= 1 ? input.grantId : `${input.grantId}.r${round}`;
  // The state query names the decision while it is being decided, not only once it settled.
  state.cancellation = { ...request, decisionId: decisionWorkflowId(GRANT_CANCELLATION_KIND, subjectId) };
  const { decisionId, outcome } = await runChildDecision({
    kind: GRANT_CANCELLATION_KIND,
    subjectId,
    communityCode: input.communityCode,
    programId: input.programId,
    proposerId: request.requestedBy,
    title: `终止资助 ${input.grantId}`,
    summary: `${request.requestedBy}（${request.cause}）请求终止资助：${request.reason}`.slice(0, 2000),
    openedBy: request.openedBy ?? {
      eventId: `${wf.workflowInfo().workflowId}/cancellation/${round}`,
      type: UPDATE_TYPE,
    },
  });
  state.cancellation = { ...request, decisionId, result: outcome.result };
  if (outcome.result === 'approved') state.cancelled = true;
  return { decisionId, result: outcome.result };
}

/** A grant-clawback decision on a paid tranche; approved asks funding (idempotent on the decision). */
async function decideClawback(run: Run, proposal: ClawbackProposal) {
  const { input, state } = run;
  state.clawbacksRunning.push(proposal.trancheNo);
  const round = state.clawbacks.filter((c) => c.trancheNo === proposal.trancheNo).length + 1;
  const subject = `${input.grantId}.t${proposal.trancheNo}`;
  const { decisionId, outcome } = await runChildDecision({
    kind: GRANT_CLAWBACK_KIND,
    subjectId: round <= 1 ? subject : `${subject}.r${round}`,
    communityCode: input.communityCode,
    programId: input.programId,
    proposerId: proposal.proposedBy,
    title: `追回资助 ${input.grantId} 第 ${proposal.trancheNo} 期 ${proposal.amountFen} 分`,
    summary: `${proposal.proposedBy} 提议追回：${proposal.reason}`.slice(0, 2000),
    openedBy: proposal.openedBy ?? {
      eventId: `${wf.workflowInfo().workflowId}/clawback/t${proposal.trancheNo}/${round}`,
      type: UPDATE_TYPE,
    },
  });
  if (outcome.result === 'approved') {
    const { trancheNo, amountFen, reason } = proposal;
    const { clawbackId } = await fundingOf(input).requestClawback({
      grantId: input.grantId,
      trancheNo,
      amountFen,
      decisionId,
      reason,
    });
    await publishFact(run, 'clawback-requested', trancheNo, {
      amount: money(input, amountFen),
      decisionId,
      clawbackId,
    });
  }
  state.clawbacks.push({ trancheNo: proposal.trancheNo, decisionId, result: outcome.result });
  state.clawbacksRunning = state.clawbacksRunning.filter((trancheNo) => trancheNo !== proposal.trancheNo);
  return { decisionId, result: outcome.result };
}
