import { errorMessage } from '@sanshe/common';
import type { Client } from '@temporalio/client';
import {
  CommunityCodeKey,
  DecisionKindKey,
  type DecisionWorkflow,
  streetExample,
  type VoteRequest,
  voteUpdate,
} from '@sanshe/workflows';
import { LatencyRecorder } from '../shared/measure';
import { doneSignal, noopUpdate } from './api';
import type { BenchConfig } from './config';
import { historyBreakdown, historyLengths, type LaneItem, type LaneRun, runLanes } from './load';
import type { noopUpdateWorkflow, oneActivityWorkflow } from './workflows';

/** What the phases share: the client, the bench's own task queue and the ids still open. */
export interface PhaseContext {
  client: Client;
  cfg: BenchConfig;
  taskQueue: string;
  /** Unique per run: every workflow id starts with it. */
  runId: string;
  /** Workflows started and not yet seen closed; terminated at the end. */
  open: Set<string>;
}

export interface PhaseResult {
  run: LaneRun;
  workflowsPerSec: number;
  /** Sum of describe().historyLength over every workflow completed in the timed run. */
  events: number;
  eventsPerSec: number;
  eventsPerWorkflow: number;
  /** executeUpdate round trips of the timed run (baseline B: no-op Updates; decisions: votes). */
  updates?: ReturnType<LatencyRecorder['summary']>;
  notes: string[];
}

/** One item of a phase; `ids` collects the workflows it completed, `latency` its Updates' round trips. */
type ItemFactory = (tag: string, ids: string[], latency: LatencyRecorder) => LaneItem;

async function runPhase(
  ctx: PhaseContext,
  durationMs: number,
  makeItem: ItemFactory,
  samples: (ids: string[]) => { label: string; id: string | undefined }[],
): Promise<PhaseResult> {
  const { cfg } = ctx;
  if (cfg.warmupMs > 0) {
    const warm = await runLanes({
      concurrency: cfg.concurrency,
      durationMs: cfg.warmupMs,
      drainMs: cfg.drainMs,
      item: makeItem('w', [], new LatencyRecorder()),
    });
    console.log(`  warm-up: ${warm.completed} workflows in ${(warm.ms / 1000).toFixed(1)} s`);
  }
  const ids: string[] = [];
  const latency = new LatencyRecorder();
  const run = await runLanes({
    concurrency: cfg.concurrency,
    durationMs,
    drainMs: cfg.drainMs,
    item: makeItem('t', ids, latency),
  });
  const history = await historyLengths(ctx.client, ids, cfg.concurrency);
  const notes = [
    `${run.completed} completed (${run.failed} failed) in ${(run.ms / 1000).toFixed(2)} s with ${cfg.concurrency} in flight` +
      (run.timedOut ? '; DRAIN CAP HIT: partial' : ''),
    `history events: describe().historyLength of all ${history.described} completed workflows` +
      (history.failed > 0 ? ` (${history.failed} describe calls failed, not counted)` : ''),
    ...run.errors.map((e) => `error: ${e}`),
  ];
  for (const { label, id } of samples(ids)) {
    if (!id) continue;
    try {
      const b = await historyBreakdown(ctx.client, id);
      notes.push(`one ${label} (fetchHistory): ${b.events} events: ${b.text}`);
    } catch (err) {
      notes.push(`one ${label}: fetchHistory failed: ${errorMessage(err)}`);
    }
  }
  const perSec = (n: number) => (run.ms > 0 ? (n * 1000) / run.ms : 0);
  return {
    run,
    workflowsPerSec: perSec(run.completed),
    events: history.events,
    eventsPerSec: perSec(history.events),
    eventsPerWorkflow: history.described > 0 ? history.events / history.described : NaN,
    ...(latency.count > 0 ? { updates: latency.summary() } : {}),
    notes,
  };
}

/** Baseline A: start a workflow that runs one no-op activity, wait for its result, repeat. */
export function runBaselineA(ctx: PhaseContext): Promise<PhaseResult> {
  const { client, taskQueue, runId, open } = ctx;
  const item: ItemFactory = (tag, ids) => async (i) => {
    const workflowId = `${runId}/a-${tag}${i}`;
    const handle = await client.workflow.start<typeof oneActivityWorkflow>('oneActivityWorkflow', {
      taskQueue,
      workflowId,
    });
    open.add(workflowId);
    await handle.result();
    open.delete(workflowId);
    ids.push(workflowId);
  };
  return runPhase(ctx, ctx.cfg.baselineMs, item, (ids) => [{ label: 'workflow', id: ids[0] }]);
}

const { community, residents, talent, funder, peer } = streetExample.parties;
/** A party's own vote, as the workflow tests cast it. */
const approve = (partyId: string): VoteRequest => ({ partyId, castBy: partyId, choice: 'approve' });
const object = (partyId: string): VoteRequest => ({
  partyId,
  castBy: partyId,
  choice: 'object',
  reason: streetExample.objection,
});

/** A vote-shaped argument, so that the no-op Update carries what a vote carries. */
const NOOP_ARG: VoteRequest = approve(community);

/** Baseline B: start a workflow, send it `updatesPerWorkflow` no-op Updates one after another, signal done. */
export function runBaselineB(ctx: PhaseContext): Promise<PhaseResult> {
  const { client, taskQueue, runId, open, cfg } = ctx;
  const item: ItemFactory = (tag, ids, latency) => async (i) => {
    const workflowId = `${runId}/b-${tag}${i}`;
    const handle = await client.workflow.start<typeof noopUpdateWorkflow>('noopUpdateWorkflow', {
      taskQueue,
      workflowId,
    });
    open.add(workflowId);
    for (let k = 0; k < cfg.updatesPerWorkflow; k++) {
      const t0 = performance.now();
      await handle.executeUpdate(noopUpdate, { args: [NOOP_ARG] });
      latency.record(performance.now() - t0);
    }
    await handle.signal(doneSignal);
    const updates = await handle.result();
    open.delete(workflowId);
    if (updates !== cfg.updatesPerWorkflow) throw new Error(`${workflowId} took ${updates} updates`);
    ids.push(workflowId);
  };
  return runPhase(ctx, cfg.updatesMs, item, (ids) => [{ label: 'workflow', id: ids[0] }]);
}

/**
 * Decisions: start decisionWorkflow under the street policy (5 parties, weights 2,2,1,2,1, quorum 5)
 * and vote by executeUpdate, one party after another, until the quorum approves. Every n-th decision
 * opens with the peer organization's objection: deliberation runs `deliberationMs`, three approvals
 * (6 ≥ 5) arrive meanwhile, and it is approved when deliberation closes. The lane does not sit out that
 * timer: it starts the next decision and the result is awaited aside (still counted in the drain).
 */
export function runDecisions(ctx: PhaseContext): Promise<PhaseResult> {
  const { client, taskQueue, runId, open, cfg } = ctx;
  const policy = streetExample.policy({ deliberationHours: cfg.deliberationMs / 3_600_000 });
  const withObjection = (i: number) => cfg.objectionEvery > 0 && i % cfg.objectionEvery === cfg.objectionEvery - 1;
  const objected = new Set<string>();
  const item: ItemFactory = (tag, ids, latency) => async (i) => {
    const input = streetExample.decisionInput(`bench-${runId}-${tag}${i}`, policy);
    const workflowId = input.decisionId;
    const objection = withObjection(i);
    const handle = await client.workflow.start<DecisionWorkflow>('decisionWorkflow', {
      taskQueue,
      workflowId,
      args: [input],
      typedSearchAttributes: [
        { key: DecisionKindKey, value: input.kind },
        { key: CommunityCodeKey, value: input.communityCode },
      ],
    });
    open.add(workflowId);
    const votes: VoteRequest[] = objection
      ? [object(peer), approve(community), approve(residents), approve(funder)]
      : [approve(community), approve(residents), approve(talent)];
    for (const vote of votes) {
      const t0 = performance.now();
      await handle.executeUpdate(voteUpdate, { args: [vote] });
      latency.record(performance.now() - t0);
    }
    const finished = handle.result().then((outcome) => {
      open.delete(workflowId);
      if (outcome.result !== 'approved' || outcome.decidedBy !== 'votes') {
        throw new Error(`${workflowId}: expected approved by votes, got ${outcome.result} by ${outcome.decidedBy}`);
      }
      ids.push(workflowId);
      if (objection) objected.add(workflowId);
    });
    if (objection) return { tail: finished };
    await finished;
  };
  return runPhase(ctx, cfg.decisionsMs, item, (ids) => [
    { label: 'decision without objection', id: ids.find((id) => !objected.has(id)) },
    { label: 'decision with an objection', id: ids.find((id) => objected.has(id)) },
  ]);
}
