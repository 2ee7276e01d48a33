import { sleep } from '@sanshe/common';

export interface DriveResult {
  /** Sends started (≤ ratePerSec × durationMs). */
  sent: number;
  /** Sends that resolved / rejected before the drain cap. */
  completed: number;
  failed: number;
  /** Sends skipped because maxInFlight were already pending (the system under test fell behind). */
  skipped: number;
  /** How late the driver itself started the worst send (its own scheduling, not the system). */
  maxStartLagMs: number;
}

/**
 * Open-loop driver: send number i is due at start + i / ratePerSec whatever earlier sends are doing,
 * so a slow system meets a growing queue instead of a politely slowed client. `send` gets the due
 * time (performance.now() scale): measure latency from it to avoid coordinated omission.
 */
export async function driveAtRate(opts: {
  ratePerSec: number;
  durationMs: number;
  send: (i: number, dueAt: number) => Promise<unknown>;
  maxInFlight?: number;
  drainTimeoutMs?: number;
}): Promise<DriveResult> {
  const total = Math.floor((opts.ratePerSec * opts.durationMs) / 1000);
  const maxInFlight = opts.maxInFlight ?? 10_000;
  const result: DriveResult = { sent: 0, completed: 0, failed: 0, skipped: 0, maxStartLagMs: 0 };
  const pending = new Set<Promise<void>>();
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const dueAt = start + (i * 1000) / opts.ratePerSec;
    const wait = dueAt - performance.now();
    if (wait > 1) await sleep(wait);
    result.maxStartLagMs = Math.max(result.maxStartLagMs, performance.now() - dueAt);
    if (pending.size >= maxInFlight) {
      result.skipped++;
      continue;
    }
    result.sent++;
    const p: Promise<void> = new Promise((resolve) => resolve(opts.send(i, dueAt))).then(
      () => void result.completed++,
      () => void result.failed++,
    );
    pending.add(p);
    void p.finally(() => pending.delete(p));
  }
  const drainCap = new Promise((resolve) => setTimeout(resolve, opts.drainTimeoutMs ?? 30_000).unref());
  await Promise.race([Promise.all(pending), drainCap]);
  return result;
}

/** Polls `done` every `everyMs` until it holds (true) or `deadline` (performance.now() scale) passes (false). */
export async function waitUntil(done: () => boolean, deadline: number, everyMs = 5): Promise<boolean> {
  while (!done()) {
    if (performance.now() >= deadline) return false;
    await sleep(everyMs);
  }
  return true;
}

/** Events per second of one timed measurement. */
export interface RateResult {
  events: number;
  ms: number;
  perSec: number;
  /** The phase hit its time cap: `events` is what got done by then. */
  timedOut: boolean;
  /** Phase-specific figures, printed as they are. */
  notes: string[];
}

export function rate(events: number, ms: number, timedOut: boolean, notes: string[] = []): RateResult {
  return { events, ms, perSec: ms > 0 ? (events * 1000) / ms : 0, timedOut, notes };
}
