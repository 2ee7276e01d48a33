import { machineLine, measured, round } from '../shared/report';
import type { PhaseResult } from './phases';

/** What one run found; a phase is an Error when it failed, undefined when it did not run. */
export interface Summary {
  baseline?: PhaseResult | Error;
  updates?: PhaseResult | Error;
  decisions?: PhaseResult | Error;
  /** Peak RSS per phase in MiB (this process: client, worker and its workflow sandbox). */
  rssMiB: Record<string, number>;
  /** Peak RSS per phase in MiB of this process plus the Temporal dev server (when its pid is known). */
  serverRssMiB: Record<string, number>;
  /** The dev server's pid changed between the start and the end of the run. */
  serverRestarted?: boolean;
  /** 1, 5 and 15-minute load averages when the run ended (other work on the machine shows here). */
  loadAverage?: string;
  /** Printed above the verdicts. */
  warnings: string[];
  /** Seconds Worker.create took (webpack bundle of ./workflows). */
  bundleS?: number;
}

export const TARGETS = { eventsRatio: 0.5, voteP99ToNoop: 2 } as const;

const num = (x: number, digits = 0) =>
  x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

interface Figures {
  baselineEventsPerSec?: number;
  decisionEventsPerSec?: number;
  ratio?: number;
  voteP99Ms?: number;
  noopUpdateP99Ms?: number;
  voteP99ToNoop?: number;
}

function figures(s: Summary): Figures {
  const a = measured(s.baseline);
  const b = measured(s.updates);
  const c = measured(s.decisions);
  const voteP99Ms = c?.updates?.p99Ms;
  const noopUpdateP99Ms = b?.updates?.p99Ms;
  return {
    baselineEventsPerSec: a?.eventsPerSec,
    decisionEventsPerSec: c?.eventsPerSec,
    ratio: a && c && a.eventsPerSec > 0 ? c.eventsPerSec / a.eventsPerSec : undefined,
    voteP99Ms,
    noopUpdateP99Ms,
    voteP99ToNoop: voteP99Ms !== undefined && noopUpdateP99Ms ? voteP99Ms / noopUpdateP99Ms : undefined,
  };
}

export function targetsMet(s: Summary): { ratio: boolean | null; voteP99: boolean | null } {
  const f = figures(s);
  return {
    ratio: f.ratio === undefined ? null : f.ratio >= TARGETS.eventsRatio,
    voteP99: f.voteP99ToNoop === undefined ? null : f.voteP99ToNoop <= TARGETS.voteP99ToNoop,
  };
}

/** The machine-readable result: key order is part of the contract (the first six keys are fixed). */
export function resultJson(s: Summary): string {
  const f = figures(s);
  const a = measured(s.baseline);
  const b = measured(s.updates);
  const c = measured(s.decisions);
  const met = targetsMet(s);
  const rss = Object.values(s.rssMiB);
  const withServer = Object.values(s.serverRssMiB);
  return JSON.stringify({
    bench: 'decisions',
    baselineEventsPerSec: round(f.baselineEventsPerSec, 0),
    decisionEventsPerSec: round(f.decisionEventsPerSec, 0),
    ratio: round(f.ratio, 3),
    voteP99Ms: round(f.voteP99Ms, 1),
    noopUpdateP99Ms: round(f.noopUpdateP99Ms, 1),
    voteP99ToNoop: round(f.voteP99ToNoop, 2),
    baselineWorkflowsPerSec: round(a?.workflowsPerSec, 1),
    decisionsPerSec: round(c?.workflowsPerSec, 1),
    baselineEventsPerWorkflow: round(a?.eventsPerWorkflow, 2),
    decisionEventsPerWorkflow: round(c?.eventsPerWorkflow, 2),
    voteP50Ms: round(c?.updates?.p50Ms, 1),
    noopUpdateP50Ms: round(b?.updates?.p50Ms, 1),
    votes: c?.updates?.count ?? null,
    noopUpdates: b?.updates?.count ?? null,
    ratioMet: met.ratio,
    voteP99Met: met.voteP99,
    peakRssMiB: round(rss.length ? Math.max(...rss) : undefined, 1),
    peakRssWithServerMiB: round(withServer.length ? Math.max(...withServer) : undefined, 1),
    serverRestarted: s.serverRestarted ?? null,
  });
}

function phaseLines(label: string, r: PhaseResult | Error | undefined, updateLabel?: string): string[] {
  if (r === undefined) return [`${label}  not run`];
  if (r instanceof Error) return [`${label}  FAILED: ${r.message}`];
  const lines = [
    `${label}  ${num(r.workflowsPerSec, 1).padStart(7)} workflows/s  ${num(r.eventsPerSec).padStart(6)} history events/s` +
      `  (${num(r.eventsPerWorkflow, 1)} events per workflow)` +
      (r.run.timedOut ? '  DRAIN CAP HIT: partial' : ''),
  ];
  if (updateLabel && r.updates) {
    const u = r.updates;
    lines.push(
      `${''.padEnd(label.length)}  ${updateLabel}: p50 ${u.p50Ms.toFixed(1)} ms, p99 ${u.p99Ms.toFixed(1)} ms, ` +
        `max ${u.maxMs.toFixed(1)} ms over ${u.count}`,
    );
  }
  return [...lines, ...r.notes.map((n) => `      ${n}`)];
}

const check = (value: number | undefined, pass: boolean | null, text: string): string =>
  value === undefined ? `   –    ${text}` : `${value.toFixed(3).padStart(7)} ${pass ? '✓ met' : '✗ MISSED'}  ${text}`;

export function resultTable(s: Summary): string {
  const f = figures(s);
  const met = targetsMet(s);
  const mib = (r: Record<string, number>) => Object.entries(r).map(([phase, m]) => `${phase} ${m.toFixed(1)}`);
  const rss = mib(s.rssMiB);
  const withServer = mib(s.serverRssMiB);
  return [
    '',
    '── bench:decisions results ──────────────────────────────────────────',
    'Workflow engine path only: one in-process worker on a task queue of its own; every activity ' +
      '(publishDecisionEvent included) is a no-op fake, so no outbox, PostgreSQL or Kafka work is in these figures.',
    ...phaseLines('(A) one no-op activity   ', s.baseline),
    ...phaseLines('(B) no-op Update workflow', s.updates, 'no-op executeUpdate'),
    ...phaseLines('(C) decisions            ', s.decisions, 'vote executeUpdate'),
    ...s.warnings.map((w) => `WARNING: ${w}`),
    `events/s (C)/(A)       ${check(f.ratio, met.ratio, `target ≥ ${TARGETS.eventsRatio}`)}`,
    `vote p99 / no-op p99   ${check(f.voteP99ToNoop, met.voteP99, `target ≤ ${TARGETS.voteP99ToNoop}`)}`,
    `peak RSS MiB, this process (client + worker): ${rss.join(', ') || '–'}` +
      (withServer.length > 0 ? `; with the Temporal dev server: ${withServer.join(', ')}` : ''),
    ...(s.bundleS === undefined ? [] : [`Worker.create (bundle of ./workflows) ${s.bundleS.toFixed(1)} s`]),
    machineLine(s.loadAverage ? `, load average ${s.loadAverage}` : ''),
    '',
  ].join('\n');
}
