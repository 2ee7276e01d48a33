import * as wf from '@temporalio/workflow';
import type { DecisionActivities } from './activities';
import {
  amendUpdate,
  arbitrateUpdate,
  auditQuery,
  type DecisionInput,
  type DecisionView,
  stateQuery,
  voteUpdate,
} from './decision.api';
import type { AuditEntry, DecisionEventToPublish } from './decision-records';
import { type AuditRecord, GENESIS_HASH, nextAuditRecord } from './domain/audit';
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
import { DeadlineKey, EscalationLevelKey, PendingPartiesKey, StageKey } from './search-attributes';

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
  const ctx: DecisionContext = { policy: input.policy, proposerId: input.proposerId };
  let state: DecisionState = input.carried?.state ?? openDecision(Date.now());
  const audit: AuditRecord<AuditEntry>[] = input.carried?.audit ?? [];
  const unpublished: DecisionEventToPublish[] = input.carried?.unpublished ?? [];
  let changed = false;

  const record = (entry: AuditEntry, at: number) => {
    const rec = nextAuditRecord(audit[audit.length - 1], at, entry);
    audit.push(rec);
    if (PUBLIC_ENTRIES.has(entry.type)) unpublished.push(toPublish(input, ctx, state, rec));
  };
  const apply = (step: Step, at: number) => {
    state = step.state;
    for (const fact of step.facts) record(fact, at);
    if (step.facts.length > 0) changed = true;
  };
  /** Deadlines that passed since the last task are applied before anything else sees the state. */
  const catchUp = () => apply(advance(ctx, state, Date.now()), Date.now());
  const stateNow = () => advance(ctx, state, Date.now()).state;
  const refuse = (refusal: Refusal | 'duplicate' | null) => {
    if (refusal && refusal !== 'duplicate') throw refusalFailure(refusal);
  };

  if (!input.carried) {
    record(
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

  wf.setHandler(
    voteUpdate,
    (vote) => {
      catchUp();
      const step = castVote(ctx, state, vote, Date.now());
      apply(step, Date.now());
      return {
        accepted: true,
        duplicate: step.facts.length === 0,
        round: state.round,
        stage: state.stage,
        tally: tally(ctx, state),
      };
    },
    { validator: (vote) => refuse(checkVote(ctx, stateNow(), vote, Date.now())) },
  );
  wf.setHandler(
    amendUpdate,
    (amendment) => {
      catchUp();
      apply(amend(state, amendment, Date.now()), Date.now());
      return { round: state.round };
    },
    { validator: (amendment) => refuse(checkAmendment(ctx, stateNow(), amendment)) },
  );
  wf.setHandler(
    arbitrateUpdate,
    (request) => {
      catchUp();
      const step = arbitrate(ctx, state, request, Date.now());
      apply(step, Date.now());
      return { duplicate: step.facts.length === 0 }; // the validator let through only a ruling or its repeat
    },
    { validator: (request) => refuse(checkArbitration(ctx, stateNow(), request, Date.now())) },
  );
  wf.setHandler(stateQuery, () => view(input, ctx, state, audit));
  wf.setHandler(auditQuery, () => audit);

  const operatorsView = new OperatorsView();
  for (;;) {
    changed = false;
    catchUp();
    await publishAll(unpublished);
    operatorsView.update(ctx, state);
    if (changed) continue; // an update arrived while publishing: evaluate it first
    if (state.stage === 'decided') break;
    if (historyIsLarge(input)) {
      // Let in-flight vote handlers finish so that no accepted vote is left behind in the old run.
      await wf.condition(wf.allHandlersFinished);
      catchUp();
      return wf.continueAsNew<typeof decisionWorkflow>({ ...input, carried: { state, audit, unpublished } });
    }
    const wake = nextWakeAt(ctx, state) ?? Date.now() + YEAR_MS;
    await wf.condition(() => changed, Math.max(wake - Date.now(), 1));
  }
  await wf.condition(wf.allHandlersFinished);
  return state.outcome!;
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

/** Search attributes for visibility queries, and the "current details" line the UI shows. */
class OperatorsView {
  private last = '';

  /** Upserts only on change: each upsert is a history event, and a long decision should stay short. */
  update(ctx: DecisionContext, state: DecisionState): void {
    const pending = pendingParties(ctx, state);
    const earliest = pending.length > 0 ? Math.min(...pending.map((p) => p.deadline)) : null;
    const t = tally(ctx, state);
    const details = [
      `**${state.stage}**, round ${state.round}: approve ${t.approve} / object ${t.object} / abstain ${t.abstain} / pending ${t.pending} of ${t.total}, quorum ${t.quorum}`,
      ...pending.map((p) => `- waiting on ${p.partyId} until ${iso(p.deadline)}`),
      ...(state.outcome
        ? [`Outcome: **${state.outcome.result}** by ${state.outcome.decidedBy}: ${state.outcome.reason}`]
        : []),
    ].join('\n');
    if (details === this.last) return;
    this.last = details;
    wf.upsertSearchAttributes([
      { key: StageKey, value: state.stage },
      { key: PendingPartiesKey, value: pending.map((p) => p.partyId) },
      { key: EscalationLevelKey, value: state.escalation?.level ?? 0 },
      { key: DeadlineKey, value: earliest === null ? null : new Date(earliest) },
    ]);
    wf.setCurrentDetails(details);
  }
}

function view(
  input: DecisionInput,
  ctx: DecisionContext,
  state: DecisionState,
  audit: AuditRecord<AuditEntry>[],
): DecisionView {
  const escalationStep = state.escalation ? ctx.policy.escalation[state.escalation.level - 1] : undefined;
  return {
    decisionId: input.decisionId,
    kind: input.kind,
    subjectId: input.subjectId,
    communityCode: input.communityCode,
    title: input.title,
    proposerId: input.proposerId,
    policy: { policyId: input.policy.policyId, version: input.policy.version, quorum: input.policy.quorum },
    stage: state.stage,
    round: state.round,
    tally: tally(ctx, state),
    votes: ctx.policy.parties.map((seat) => {
      const vote = state.votes[seat.partyId];
      return {
        partyId: seat.partyId,
        weight: seat.weight,
        choice: seat.partyId === ctx.proposerId ? 'recused' : (vote?.choice ?? null),
        ...(vote?.reason ? { reason: vote.reason } : {}),
        ...(vote ? { at: iso(vote.at) } : {}),
        ...(vote?.bySilence ? { bySilence: true } : {}),
      };
    }),
    pending: pendingParties(ctx, state).map((p) => ({ partyId: p.partyId, deadline: iso(p.deadline) })),
    deliberationUntil: state.deliberationUntil === null ? null : iso(state.deliberationUntil),
    escalation:
      state.escalation && escalationStep
        ? {
            level: state.escalation.level,
            arbiterId: escalationStep.arbiterId,
            deadline: iso(state.escalation.deadline),
          }
        : null,
    outcome: state.outcome,
    audit: { length: audit.length, headHash: audit[audit.length - 1]?.hash ?? GENESIS_HASH },
  };
}

const iso = (ms: number) => new Date(ms).toISOString();
