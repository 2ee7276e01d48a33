import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import * as wf from '@temporalio/workflow';
import { decisionWorkflowId } from '../decision/decision.api';
import type { PaymentOutcome } from '../funding/funding-activities';
import { runChildDecision } from '../hours/child-decision';
import { MILESTONE_VERIFICATION_KIND } from './disbursement.api';
import { DAY_MS, fundingOf, governance, money, moveTo, publishFact, type Run } from './disbursement-context';
import { currentTranche, verificationSubject } from './domain/disbursement-state';
import { noticeEndsAt, shanghaiDateOf, WEEKDAYS_ONLY } from './domain/working-days';

/** Notices opened before this patch counted Monday to Friday only; since, on governance's public calendar. */
const NOTICE_CALENDAR_PATCH = 'notice-public-calendar';

const iso = (epochMs: number) => new Date(epochMs).toISOString();
/** The end of a calendar day in Asia/Shanghai (UTC+8, no daylight saving). */
const endOfShanghaiDay = (date: string) => Date.parse(`${date}T00:00:00+08:00`) + DAY_MS;
const until = (deadline: number) => Math.max(deadline - Date.now(), 1);
/**
 * Payment polling: 1 minute doubling to 6 hours, 30 times (about a week) before the payment counts as stuck; funding's
 * tranche.paid (the paymentSettled signal) cuts a wait short.
 */
const POLL_LIMIT = 30;
const pollDelay = (poll: number) => Math.min(60_000 * 2 ** poll, 6 * 3_600_000);

/** Waits for the tranche's evidence: past its due date a reminder, escalateAfterDays later an escalation. */
export async function awaitEvidence(run: Run): Promise<void> {
  const { input, state } = run;
  const tranche = currentTranche(input, state);
  moveTo(run, 'awaiting-evidence');
  const ready = () => state.freshEvidence || state.cancelled;
  const due = endOfShanghaiDay(tranche.dueDate);
  if (await wf.condition(ready, until(due))) return;
  const escalateAt = Date.now() + (input.escalateAfterDays ?? 14) * DAY_MS;
  await publishFact(run, 'reminder', tranche.trancheNo, { deadline: iso(due), escalateAt: iso(escalateAt) });
  if (await wf.condition(ready, until(escalateAt))) return;
  await publishFact(run, 'escalated', tranche.trancheNo, { cause: 'evidence-overdue' });
  await wf.condition(ready);
}

/** A child milestone-verification decision on the evidence; answers whether it approved. */
export async function verify(run: Run, openedByEventId: string): Promise<boolean> {
  const { input, state } = run;
  const tranche = currentTranche(input, state);
  state.freshEvidence = false;
  const round = state.verifications.length + 1;
  const subjectId = verificationSubject(input.grantId, tranche.trancheNo, round);
  const decisionId = decisionWorkflowId(MILESTONE_VERIFICATION_KIND, subjectId);
  moveTo(run, 'verifying');
  state.openVerification = decisionId;
  await publishFact(run, 'verification-opened', tranche.trancheNo, { decisionId, round });
  const result = await runChildDecision({
    kind: MILESTONE_VERIFICATION_KIND,
    subjectId,
    communityCode: input.communityCode,
    programId: input.programId,
    proposerId: `organization:${input.organizationId}`,
    title: `资助第 ${tranche.trancheNo} 期里程碑核验：${tranche.milestone}`.slice(0, 200),
    summary: `项目 ${input.grantId} 第 ${tranche.trancheNo} 期（${tranche.amountFen} 分）的里程碑证据核验，第 ${round} 轮`,
    openedBy: { eventId: openedByEventId, type: 'sanshe.governance.disbursement.evidence-accepted.v1' },
  });
  state.openVerification = null;
  state.verifications.push({ decisionId: result.decisionId, outcome: result.outcome });
  state.seatedPartyIds = result.seatedPartyIds;
  return result.outcome.result === 'approved';
}

/** After a rejection: new evidence until the window passes, then an escalation, and waiting on. */
export async function remediate(run: Run): Promise<void> {
  const { input, state } = run;
  const tranche = currentTranche(input, state);
  moveTo(run, 'remediation');
  const deadline = Date.now() + (input.remediationDays ?? 30) * DAY_MS;
  const decisionId = state.verifications.at(-1)?.decisionId;
  await publishFact(run, 'remediation-opened', tranche.trancheNo, { decisionId, deadline: iso(deadline) });
  const ready = () => state.freshEvidence || state.cancelled;
  if (await wf.condition(ready, until(deadline))) return;
  await publishFact(run, 'escalated', tranche.trancheNo, { cause: 'remediation-lapsed' });
  await wf.condition(ready);
}

/** Public notice for noticeWorkingDays: answers the objection's fact id when one reopens verification. */
export async function publicNotice(run: Run): Promise<string | null> {
  const { input, state } = run;
  const tranche = currentTranche(input, state);
  const openedAt = Date.now();
  const calendar = wf.patched(NOTICE_CALENDAR_PATCH)
    ? await governance.noticeCalendar({ from: shanghaiDateOf(openedAt) })
    : WEEKDAYS_ONLY;
  state.noticeUntil = noticeEndsAt(openedAt, input.noticeWorkingDays, calendar);
  moveTo(run, 'notice');
  const decisionId = state.verifications.at(-1)?.decisionId;
  await publishFact(run, 'notice-opened', tranche.trancheNo, {
    decisionId,
    amount: money(input, tranche.amountFen),
    deadline: iso(state.noticeUntil),
  });
  await wf.condition(() => state.upheldObjection !== null || state.cancelled, until(state.noticeUntil));
  state.noticeUntil = null;
  const objection = state.upheldObjection;
  if (!objection || state.cancelled) return null;
  const { partyId, castBy, reason } = objection;
  const eventId = await publishFact(run, 'objection-upheld', tranche.trancheNo, {
    partyId,
    castBy,
    reason,
    decisionId,
  });
  state.upheldObjection = null;
  return eventId;
}

/** Pays the tranche once (key grant + tranche); a refusal leaves it stuck until an operator retries. */
export async function pay(run: Run): Promise<PaymentOutcome | null> {
  const { input, state } = run;
  const tranche = currentTranche(input, state);
  moveTo(run, 'paying');
  await publishFact(run, 'payment-requested', tranche.trancheNo, { amount: money(input, tranche.amountFen) });
  for (;;) {
    const attempt = await attemptPayment(run);
    if ('status' in attempt) return attempt;
    moveTo(run, 'payment-stuck');
    await publishFact(run, 'payment-stuck', tranche.trancheNo, {
      amount: money(input, tranche.amountFen),
      failure: attempt,
    });
    await wf.condition(() => state.retryRequested || state.cancelled);
    if (!state.retryRequested) return null;
    state.retryRequested = false;
    moveTo(run, 'paying');
  }
}

type Failure = { type: string; message: string };

async function attemptPayment({ input, state }: Run): Promise<PaymentOutcome | Failure> {
  const key = { grantId: input.grantId, trancheNo: currentTranche(input, state).trancheNo };
  try {
    let outcome = (state.payment = await fundingOf(input).payTranche(key)); // the state query shows it while it settles
    for (let poll = 0; outcome.status === 'instructed' && poll < POLL_LIMIT; poll++) {
      await wf.condition(() => state.settlementSignalled, pollDelay(poll));
      state.settlementSignalled = false;
      outcome = state.payment = (await fundingOf(input).paymentStatus(key)) ?? outcome;
    }
    if (outcome.status === 'settled') return outcome;
    return outcome.status === 'failed'
      ? { type: outcome.failure?.code ?? 'PaymentFailed', message: outcome.failure?.text ?? 'the rail refused it' }
      : { type: 'PaymentUnsettled', message: `not settled after ${POLL_LIMIT} checks` };
  } catch (err) {
    if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure) {
      return { type: err.cause.type ?? 'ApplicationFailure', message: err.cause.message.slice(0, 500) };
    }
    throw err;
  }
}
