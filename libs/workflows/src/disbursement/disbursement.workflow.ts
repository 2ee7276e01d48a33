import * as wf from '@temporalio/workflow';
import type { DisbursementInput } from './disbursement.api';
import { fundingOf, money, moveTo, publishFact, type Run } from './disbursement-context';
import { setHandlers } from './disbursement-handlers';
import { awaitEvidence, pay, publicNotice, remediate, verify } from './disbursement-steps';
import { carriedOf, currentTranche, initialState } from './domain/disbursement-state';
import { GrantIdKey, ProgramIdKey } from './search-attributes';

export type DisbursementResult =
  { result: 'completed'; paidTranches: number } | { result: 'cancelled'; paidTranches: number };

/**
 * A grant's disbursement (docs/decisions.md, "Grant disbursement"): funding reserves the budget, then each
 * tranche in turn — evidence from the organization, a multi-party verification decision, a public notice
 * anyone seated (or a portal) may object in, and one payment through funding keyed by grant + tranche. One
 * tranche per run: continue-as-new carries what the next needs. Cancellation and clawback are decisions too.
 */
export async function disbursementWorkflow(input: DisbursementInput): Promise<DisbursementResult> {
  const run: Run = { input, state: initialState(input) };
  const { state } = run;
  setHandlers(run);
  wf.upsertSearchAttributes([
    { key: GrantIdKey, value: input.grantId },
    { key: ProgramIdKey, value: input.programId },
  ]);
  if (!input.carried) await start(run);
  if (!state.cancelled) await disburseTranche(run);
  // A cancellation or clawback decision still running settles in this run (its handler holds its state).
  await wf.condition(wf.allHandlersFinished);
  if (state.cancelled) return cancel(run);
  state.trancheIndex += 1;
  if (state.trancheIndex >= input.tranches.length) return complete(run);
  return wf.continueAsNew<typeof disbursementWorkflow>({ ...input, carried: carriedOf(state) });
}

async function start(run: Run): Promise<void> {
  const { input } = run;
  moveTo(run, 'reserving');
  await fundingOf(input).reserveGrantBudget({ grantId: input.grantId });
  await publishFact(run, 'started', 0, {
    programId: input.programId,
    organizationId: input.organizationId,
    communityCode: input.communityCode,
    amount: input.amount,
    trancheCount: input.tranches.length,
  });
}

/** One tranche: evidence, verification (again after remediation or an objection), notice, payment. */
async function disburseTranche(run: Run): Promise<void> {
  const { input, state } = run;
  const tranche = currentTranche(input, state);
  await awaitEvidence(run);
  let openedBy = state.evidenceEventId;
  for (;;) {
    if (state.cancelled || !openedBy) return;
    if (!(await verify(run, openedBy))) {
      if (state.cancelled) return;
      await remediate(run);
      openedBy = state.evidenceEventId;
      continue;
    }
    if (state.cancelled) return;
    const objection = await publicNotice(run);
    if (objection === null) break;
    openedBy = objection;
  }
  if (state.cancelled) return;
  const payment = await pay(run);
  if (!payment) return;
  state.paid.push({ trancheNo: tranche.trancheNo, amountFen: payment.amountFen, paymentId: payment.paymentId });
  await publishFact(run, 'tranche-completed', tranche.trancheNo, {
    amount: money(input, payment.amountFen),
    paymentId: payment.paymentId,
    ...(payment.settledAt ? { settledAt: payment.settledAt } : {}),
  });
}

async function cancel(run: Run): Promise<DisbursementResult> {
  const { input, state } = run;
  const reason = `资助终止：${state.cancellation?.reason ?? ''}`.slice(0, 500);
  const { releasedFen } = await fundingOf(input).releaseReservation({ grantId: input.grantId, reason });
  moveTo(run, 'cancelled');
  await publishFact(run, 'cancelled', 0, {
    decisionId: state.cancellation?.decisionId,
    cause: state.cancellation?.cause,
    released: money(input, releasedFen),
    paidTranches: state.paid.length,
  });
  return { result: 'cancelled', paidTranches: state.paid.length };
}

async function complete(run: Run): Promise<DisbursementResult> {
  const { input, state } = run;
  moveTo(run, 'completed');
  const paidFen = state.paid.reduce((sum, tranche) => sum + tranche.amountFen, 0);
  await publishFact(run, 'completed', 0, { amount: money(input, paidFen), trancheCount: input.tranches.length });
  return { result: 'completed', paidTranches: state.paid.length };
}
