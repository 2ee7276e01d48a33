import * as wf from '@temporalio/workflow';
import type { DecisionActivities } from './activities';
import { amendUpdate, arbitrateUpdate, auditQuery, type DecisionInput, stateQuery, voteUpdate } from './decision.api';
import type { AuditEntry, DecisionEventToPublish } from './decision-records';
import { iso, OperatorsView, stateView } from './decision-views';
import { type AuditRecord, nextAuditRecord } from './domain/audit';
import { advance, nextWakeAt } from './domain/deadlines';
import {
  type DecisionContext,
  type DecisionState,
  type FinalOutcome,
  openDecision,
  pendingParties,
  type Step,
  tally,
} from './domain/decision-state';
import { amend, checkAmendment } from './domain/deliberation';
import { arbitrate, checkArbitration } from './domain/escalation';
import type { Refusal } from './domain/refusals';
import { castVote, checkVote } from './domain/votes';
import { refusalFailure } from './refusal-failure';

const PUBLISH_OPTIONS: wf.ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  // Publishing only writes governance's outbox; keep trying while PostgreSQL is away.
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
};
const { publishDecisionEvent } = wf.proxyActivities<DecisionActivities>(PUBLISH_OPTIONS);

/** Entries other services and portals need to hear about; the rest stay in the audit trail and the query. */
const PUBLIC_ENTRIES = new Set<AuditEntry['type']>([
  'opened',
  'deliberation-opened',
  'amended',
  'escalated',
  'decided',
]);
const DEFAULT_HISTORY_LIMIT = 2_000;
const YEAR_MS = 365 * 24 * 3_600_000;

/**
 * One multi-party decision (docs/decisions.md). The rules live in ./domain (pure); this workflow
 * only keeps time, takes votes as validated Updates, records every change in a hash-chained audit
 * trail, publishes what others must hear, and keeps the operators' search attributes current.
 */
export async function decisionWorkflow(input: DecisionInput): Promise<FinalOutcome> {
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

/** A run's state, audit trail and unpublished events, and how a change is recorded in them. */
class DecisionRun {
  readonly ctx: DecisionContext;
  state: DecisionState;
  readonly audit: AuditRecord<AuditEntry>[];
  readonly unpublished: DecisionEventToPublish[];
  /** Set when a step recorded something; the main loop clears it and waits for it. */
  changed = false;

  constructor(readonly input: DecisionInput) {
    this.ctx = { policy: input.policy, proposerId: input.proposerId };
    this.state = input.carried?.state ?? openDecision(Date.now());
    this.audit = input.carried?.audit ?? [];
    this.unpublished = input.carried?.unpublished ?? [];
  }

  record(entry: AuditEntry, at: number): void {
    const rec = nextAuditRecord(this.audit[this.audit.length - 1], at, entry);
    this.audit.push(rec);
    if (PUBLIC_ENTRIES.has(entry.type)) this.unpublished.push(toPublish(this.input, this.ctx, this.state, rec));
  }

  apply(step: Step, at: number): void {
    this.state = step.state;
    for (const fact of step.facts) this.record(fact, at);
    if (step.facts.length > 0) this.changed = true;
  }

  /** Deadlines that passed since the last task are applied before anything else sees the state. */
  catchUp(): void {
    this.apply(advance(this.ctx, this.state, Date.now()), Date.now());
  }

  /** The state as of now, for a validator (which changes nothing). */
  stateNow(): DecisionState {
    return advance(this.ctx, this.state, Date.now()).state;
  }
}

const refuse = (refusal: Refusal | 'duplicate' | null) => {
  if (refusal && refusal !== 'duplicate') throw refusalFailure(refusal);
};

/** Each update is checked by its validator against the state as of now, then applied by its handler. */
function handleUpdatesAndQueries(run: DecisionRun): void {
  wf.setHandler(
    voteUpdate,
    (vote) => {
      run.catchUp();
      const step = castVote(run.ctx, run.state, vote, Date.now());
      run.apply(step, Date.now());
      return {
        accepted: true,
        duplicate: step.facts.length === 0,
        round: run.state.round,
        stage: run.state.stage,
        tally: tally(run.ctx, run.state),
      };
    },
    { validator: (vote) => refuse(checkVote(run.ctx, run.stateNow(), vote, Date.now())) },
  );
  wf.setHandler(
    amendUpdate,
    (amendment) => {
      run.catchUp();
      run.apply(amend(run.state, amendment, Date.now()), Date.now());
      return { round: run.state.round };
    },
    { validator: (amendment) => refuse(checkAmendment(run.ctx, run.stateNow(), amendment)) },
  );
  wf.setHandler(
    arbitrateUpdate,
    (request) => {
      run.catchUp();
      const step = arbitrate(run.ctx, run.state, request, Date.now());
      run.apply(step, Date.now());
      return { duplicate: step.facts.length === 0 }; // the validator let through only a ruling or its repeat
    },
    { validator: (request) => refuse(checkArbitration(run.ctx, run.stateNow(), request, Date.now())) },
  );
  wf.setHandler(stateQuery, () => stateView(run.input, run.ctx, run.state, run.audit));
  wf.setHandler(auditQuery, () => run.audit);
}

/** The main loop: catch up, publish, show, then sleep until the next deadline or update. */
async function untilDecided(run: DecisionRun): Promise<FinalOutcome> {
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
      const carried = { state: run.state, audit: run.audit, unpublished: run.unpublished };
      return wf.continueAsNew<typeof decisionWorkflow>({ ...run.input, carried });
    }
    const wake = nextWakeAt(run.ctx, run.state) ?? Date.now() + YEAR_MS;
    await wf.condition(() => run.changed, Math.max(wake - Date.now(), 1));
  }
  await wf.condition(wf.allHandlersFinished);
  return run.state.outcome!;
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
      return `publish ${entry.type}`; // not public (PUBLIC_ENTRIES): listed so a new fact type is a compile-time decision
  }
}

function toPublish(
  input: DecisionInput,
  ctx: DecisionContext,
  state: DecisionState,
  rec: AuditRecord<AuditEntry>,
): DecisionEventToPublish {
  return {
    eventId: rec.entry.type === 'decided' ? `${input.decisionId}/outcome` : `${input.decisionId}/${rec.seq}`,
    decisionId: input.decisionId,
    entry: rec.entry,
    auditHash: rec.hash,
    auditSeq: rec.seq,
    round: state.round,
    pending: pendingParties(ctx, state).map((p) => ({ partyId: p.partyId, deadline: iso(p.deadline) })),
    decision: {
      kind: input.kind,
      subjectId: input.subjectId,
      communityCode: input.communityCode,
      proposerId: input.proposerId,
      title: input.title,
      policyId: input.policy.policyId,
      policyVersion: input.policy.version,
    },
  };
}
