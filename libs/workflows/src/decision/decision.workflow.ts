import * as wf from '@temporalio/workflow';
import type { DecisionActivities } from './activities';
import {
  amendUpdate,
  arbitrateUpdate,
  auditQuery,
  type DecisionInput,
  stateQuery,
  type VoteReceipt,
  voteUpdate,
  withdrawUpdate,
} from './decision.api';
import type { DecisionEventToPublish } from './decision-records';
import { DecisionRun } from './decision-run';
import { OperatorsView, stateView } from './decision-views';
import { nextWakeAt } from './domain/deadlines';
import { type DecidedOutcome, type DecisionState, type Step, tally } from './domain/decision-state';
import { amend, type AmendmentRequest, checkAmendment } from './domain/deliberation';
import { arbitrate, type ArbitrationRequest, checkArbitration } from './domain/escalation';
import type { Refusal } from './domain/refusals';
import type { UpdateKind } from './domain/update-ids';
import { castVote, checkVote, type VoteRequest } from './domain/votes';
import { checkWithdrawal, withdraw, type WithdrawalRequest } from './domain/withdrawal';
import { refusalFailure } from './refusal-failure';

const PUBLISH_OPTIONS: wf.ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  // Publishing only writes governance's outbox; keep trying while PostgreSQL is away.
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
};
const { publishDecisionEvent } = wf.proxyActivities<DecisionActivities>(PUBLISH_OPTIONS);

const DEFAULT_HISTORY_LIMIT = 2_000;
const YEAR_MS = 365 * 24 * 3_600_000;

/**
 * One multi-party decision (docs/decisions.md). The rules live in ./domain (pure); this workflow
 * only keeps time, takes votes as validated Updates, records every change in a hash-chained audit
 * trail, publishes what others must hear, and keeps the operators' search attributes current.
 */
export async function decisionWorkflow(input: DecisionInput): Promise<DecidedOutcome> {
  const run = new DecisionRun(input);
  if (!input.carried) {
    run.record(
      {
        type: 'opened',
        policyId: input.policy.policyId,
        policyVersion: input.policy.version,
        proposerId: input.proposerId,
        openedBy: input.openedBy.eventId,
      },
      Date.now(),
    );
  }
  handleUpdatesAndQueries(run);
  return untilDecided(run);
}

const refuse = (refusal: Refusal | 'duplicate' | null) => {
  if (refusal && refusal !== 'duplicate') throw refusalFailure(refusal);
};

/** How one kind of update is checked, applied, and whom its deduplication is kept for. */
interface UpdateRules<R> {
  kind: UpdateKind;
  partyOf: (request: R) => string;
  check: (state: DecisionState, request: R, now: number) => Refusal | 'duplicate' | null;
  apply: (state: DecisionState, request: R, now: number) => Step;
}

/**
 * The validator checks the request against the state as of now; the handler applies it. An update whose
 * id an earlier run applied (carried across continue-as-new) is neither checked nor applied: it is
 * answered as the duplicate it is, even where the state would now refuse it (a stale round, say).
 */
function updateHandlers<R, A>(run: DecisionRun, rules: UpdateRules<R>, answer: (step: Step) => A) {
  return {
    handler: (request: R): A => {
      run.catchUp();
      const again = run.appliedBefore(rules.kind, rules.partyOf(request));
      const step: Step = again ? { state: run.state, facts: [] } : rules.apply(run.state, request, Date.now());
      run.apply(step, Date.now());
      run.rememberUpdate(rules.kind, rules.partyOf(request));
      return answer(step);
    },
    validator: (request: R): void => {
      if (run.appliedBefore(rules.kind, rules.partyOf(request))) return; // a redelivery: the handler answers it
      refuse(rules.check(run.stateNow(), request, Date.now()));
    },
  };
}

function handleUpdatesAndQueries(run: DecisionRun): void {
  const { ctx } = run;
  const vote = updateHandlers<VoteRequest, VoteReceipt>(
    run,
    {
      kind: 'vote',
      partyOf: (v) => v.partyId,
      check: (s, v, now) => checkVote(ctx, s, v, now),
      apply: (s, v, now) => castVote(ctx, s, v, now),
    },
    (step) => ({
      accepted: true as const,
      duplicate: step.facts.length === 0,
      round: run.state.round,
      stage: run.state.stage,
      tally: tally(ctx, run.state),
    }),
  );
  wf.setHandler(voteUpdate, vote.handler, { validator: vote.validator });
  const amendment = updateHandlers<AmendmentRequest, { round: number }>(
    run,
    {
      kind: 'amend',
      partyOf: (a) => a.castBy,
      check: (s, a) => checkAmendment(ctx, s, a),
      apply: (s, a, now) => amend(ctx, s, a, now),
    },
    () => ({ round: run.state.round }),
  );
  wf.setHandler(amendUpdate, amendment.handler, { validator: amendment.validator });
  const ruling = updateHandlers<ArbitrationRequest, { duplicate: boolean }>(
    run,
    {
      kind: 'arbitrate',
      partyOf: (r) => r.arbiterId,
      check: (s, r, now) => checkArbitration(ctx, s, r, now),
      apply: (s, r, now) => arbitrate(ctx, s, r, now),
    },
    // The validator let through only a ruling, its repeat, or a redelivery.
    (step) => ({ duplicate: step.facts.length === 0 }),
  );
  wf.setHandler(arbitrateUpdate, ruling.handler, { validator: ruling.validator });
  // A new handler emits no command: histories recorded before it replay unchanged, so no patched() here.
  const withdrawal = updateHandlers<WithdrawalRequest, { duplicate: boolean }>(
    run,
    {
      kind: 'withdraw',
      partyOf: (w) => w.castBy,
      check: (s, w) => checkWithdrawal(ctx, s, w),
      apply: (s, w, now) => withdraw(ctx, s, w, now),
    },
    (step) => ({ duplicate: step.facts.length === 0 }),
  );
  wf.setHandler(withdrawUpdate, withdrawal.handler, { validator: withdrawal.validator });
  wf.setHandler(stateQuery, () => stateView(run.input, ctx, run.state, run.audit));
  wf.setHandler(auditQuery, () => run.audit);
}

/** The main loop: catch up, publish, show, then sleep until the next deadline or update. */
async function untilDecided(run: DecisionRun): Promise<DecidedOutcome> {
  const operatorsView = new OperatorsView();
  for (;;) {
    run.changed = false;
    run.catchUp();
    await publishAll(run.unpublished);
    operatorsView.update(run.ctx, run.state);
    if (run.changed) continue; // an update arrived while publishing: evaluate it first
    if (run.state.stage === 'decided') break;
    if (historyIsLarge(run.input)) {
      // Let in-flight vote handlers finish so that no accepted vote is left behind in the old run.
      await wf.condition(wf.allHandlersFinished);
      run.catchUp();
      return wf.continueAsNew<typeof decisionWorkflow>({ ...run.input, carried: run.carried() });
    }
    const wake = nextWakeAt(run.ctx, run.state) ?? Date.now() + YEAR_MS;
    await wf.condition(() => run.changed, Math.max(wake - Date.now(), 1));
  }
  await wf.condition(wf.allHandlersFinished);
  return { ...run.state.outcome!, tally: tally(run.ctx, run.state) };
}

const historyIsLarge = (input: DecisionInput) => {
  const info = wf.workflowInfo();
  return info.continueAsNewSuggested || info.historyLength >= (input.historyLimit ?? DEFAULT_HISTORY_LIMIT);
};

/** Publishes in audit order, one at a time, so that subscribers see a decision's events in order. */
async function publishAll(unpublished: DecisionEventToPublish[]): Promise<void> {
  while (unpublished.length > 0) {
    const event = unpublished[0]!;
    await publishDecisionEvent.executeWithOptions({ ...PUBLISH_OPTIONS, summary: describeEvent(event) }, [event]);
    unpublished.shift();
  }
}

function describeEvent({ entry, decisionId }: DecisionEventToPublish): string {
  switch (entry.type) {
    case 'opened':
      return `publish decision.opened: ${decisionId} under ${entry.policyId} v${entry.policyVersion}`;
    case 'deliberation-opened':
      return `publish decision.deliberation-opened: ${entry.objector} objects (${entry.reason.code})`;
    case 'amended':
      return `publish decision.round-opened: round ${entry.round} after amendment`;
    case 'escalated':
      return `publish decision.escalated: level ${entry.level} to ${entry.arbiterId}`;
    case 'decided':
      return `publish decision.decided: ${entry.outcome.result} by ${entry.outcome.decidedBy}`;
    case 'vote-cast':
    case 'abstained-by-silence':
    case 'deliberation-closed':
    case 'arbitrated':
    case 'withdrawn':
      return `publish ${entry.type}`; // not public (PUBLIC_ENTRIES): listed so a new fact type is a compile-time decision
  }
}
