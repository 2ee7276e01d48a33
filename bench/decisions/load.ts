import { errorSummary, sleep } from '@sanshe/common';
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

/** What one item returns when its workflow only has to wait for a timer: the lane moves on, the tail finishes. */
export type LaneItem = (i: number) => Promise<{ tail: Promise<unknown> } | void>;

export interface LaneRun {
  started: number;
  completed: number;
  failed: number;
  /** The first few distinct error messages. */
  errors: string[];
  /** From the start to the last completion (the drain included). */
  ms: number;
  /** The drain cap passed with work still in flight: `completed` is what finished by then. */
  timedOut: boolean;
}

/**
 * Closed-loop load: `concurrency` lanes each run item 0, 1, 2, … one at a time until `durationMs`
 * has passed, then the items in flight (and their tails) finish, for at most `drainMs`.
 */
export async function runLanes(opts: {
  concurrency: number;
  durationMs: number;
  drainMs: number;
  item: LaneItem;
}): Promise<LaneRun> {
  const run: LaneRun = { started: 0, completed: 0, failed: 0, errors: [], ms: 0, timedOut: false };
  const start = performance.now();
  const deadline = start + opts.durationMs;
  let next = 0;
  let lastDone = start;
  const tails = new Set<Promise<void>>();
  const done = () => {
    run.completed++;
    lastDone = performance.now();
  };
  const fail = (err: unknown) => {
    run.failed++;
    const text = errorSummary(err);
    if (run.errors.length < 3 && !run.errors.includes(text)) run.errors.push(text);
  };
  const lane = async () => {
    while (performance.now() < deadline) {
      run.started++;
      try {
        const out = await opts.item(next++);
        if (!out) {
          done();
          continue;
        }
        const tail = out.tail.then(done, fail);
        tails.add(tail);
        void tail.finally(() => tails.delete(tail));
      } catch (err) {
        fail(err);
        await sleep(100); // a server that refuses everything must not turn the lane into a busy loop
      }
    }
  };
  const all = Promise.all(Array.from({ length: opts.concurrency }, lane)).then(() => Promise.all([...tails]));
  let capTimer: NodeJS.Timeout | undefined;
  const cap = new Promise<'cap'>((resolve) => {
    capTimer = setTimeout(() => resolve('cap'), Math.max(0, deadline - performance.now()) + opts.drainMs);
  });
  run.timedOut = (await Promise.race([all.then(() => 'done' as const), cap])) === 'cap';
  clearTimeout(capTimer);
  run.ms = (run.completed > 0 ? lastDone : performance.now()) - start;
  return run;
}

/** Runs `fn` over `items`, `concurrency` at a time. */
export async function mapLimit<T, R>(items: T[], concurrency: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  const queue = items.entries();
  const worker = async () => {
    for (const [i, item] of queue) out[i] = await fn(item);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return out;
}

/** Sum of describe().historyLength over the given (closed) workflows; failures are counted, not summed. */
export async function historyLengths(
  client: Client,
  workflowIds: string[],
  concurrency: number,
): Promise<{ events: number; described: number; failed: number }> {
  const lengths = await mapLimit(workflowIds, concurrency, (id) =>
    client.workflow
      .getHandle(id)
      .describe()
      .then(
        (d) => d.historyLength,
        () => null,
      ),
  );
  const ok = lengths.filter((n): n is number => n !== null);
  return { events: ok.reduce((a, b) => a + b, 0), described: ok.length, failed: lengths.length - ok.length };
}

/** "WorkflowTaskScheduled 6, …" for one workflow's history (fetchHistory), most frequent first. */
export async function historyBreakdown(client: Client, workflowId: string): Promise<{ events: number; text: string }> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const counts = new Map<string, number>();
  for (const event of history.events ?? []) {
    const name = (temporal.api.enums.v1.EventType[event.eventType ?? 0] ?? 'unknown').replace(/^EVENT_TYPE_/, '');
    const short = name
      .toLowerCase()
      .replace(/(^|_)([a-z])/g, (_, __: string, c: string) => c.toUpperCase())
      .replace(/^Workflow(Execution)?/, '');
    counts.set(short, (counts.get(short) ?? 0) + 1);
  }
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return { events: history.events?.length ?? 0, text: sorted.map(([k, n]) => `${k} ${n}`).join(', ') };
}

/**
 * Terminates what a run left open: every id still in `open`, then whatever visibility still lists as
 * running on the bench's task queue. Returns how many were terminated.
 */
export async function terminateLeftovers(client: Client, open: Set<string>, taskQueue: string): Promise<number> {
  const terminate = (id: string) =>
    client.workflow
      .getHandle(id)
      .terminate('bench:decisions finished')
      .then(
        () => 1,
        () => 0, // already closed
      );
  let terminated = (await mapLimit([...open], 10, terminate)).reduce<number>((a, b) => a + b, 0);
  try {
    const ids: string[] = [];
    for await (const wf of client.workflow.list({
      query: `TaskQueue = '${taskQueue}' AND ExecutionStatus = 'Running'`,
    })) {
      ids.push(wf.workflowId);
    }
    terminated += (await mapLimit(ids, 10, terminate)).reduce<number>((a, b) => a + b, 0);
  } catch {
    // Visibility is a second check only; the ids tracked above are the primary list.
  }
  return terminated;
}
