import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { ServiceName } from '@sanshe/config';
import { type AppProcess, startApp, stopApp, waitUntilHealthy } from '@sanshe/infra';
import { rssOfPid } from '../shared/measure';

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat; NaN if it is gone. */
function cpuSecondsOf(pid: number | undefined): number {
  try {
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th, in clock ticks.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return NaN;
  }
}
const CLOCK_TICKS_PER_SECOND = 100; // Linux's USER_HZ

/** How a service was run: `npm run build`'s output, or today's source run through the register hook. */
export type Mode = 'built' | 'source';

/** One service started, measured and stopped. */
export interface Footprint {
  service: ServiceName;
  mode: Mode;
  /** From spawn to the first 200 from /health (wall time: the machine's load shows in it). */
  healthySeconds: number;
  /** CPU the process used until then (less sensitive to load than the wall time). */
  startCpuSeconds: number;
  /** VmRSS of the process started, by its pid, after it sat idle. */
  idleRssMiB: number;
}

/** A loopback port nothing listened on a moment ago (benchmarks do not use the test helpers). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The task queue each Temporal worker polls (governance's, funding's, talent's); other services read none. */
const WORKER_TASK_QUEUE_VARIABLES = [
  'GOVERNANCE_TASK_QUEUE',
  'FUNDING_TEMPORAL_TASK_QUEUE',
  'TALENT_TEMPORAL_TASK_QUEUE',
];

/** Every process this bench started and has not yet seen stopped: stopped on failure and on Ctrl-C. */
export const running = new Set<AppProcess>();

/**
 * Starts one service as `npm start` runs it, but in a consumer group of its own from the topics' ends (a group
 * beginning with the service's default one, as its Kafka user may join) and on task queues of its own, so it takes
 * no partitions or workflows from a running platform and works through no backlog; waits for /health and
 * `idleMs` more, reads its resident memory, stops it.
 */
export async function measureOne(service: ServiceName, mode: Mode, idleMs: number): Promise<Footprint> {
  const own = `footprint-${randomUUID().slice(0, 8)}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KAFKA_GROUP_ID: `sanshe-${service}-${own}`,
    KAFKA_FROM_BEGINNING: 'false',
    // Task queues of its own too: on the default ones a worker takes up other runs' workflows (their timers fire),
    // caching and replaying them, and is not idle — governance measured 293 MiB built there, 2026-11-28.
    ...Object.fromEntries(WORKER_TASK_QUEUE_VARIABLES.map((name) => [name, own])),
    SANSHE_APPS_FROM: mode === 'built' ? 'dist' : 'source',
  };
  // Today's source run bundles governance's workflows at start, as `npm start` does; the build has them prebuilt.
  if (mode === 'source') delete env.GOVERNANCE_WORKFLOW_BUNDLE;
  const started = Date.now();
  const app = startApp(service, await freePort(), { env });
  running.add(app);
  try {
    await waitUntilHealthy(app, 120_000);
    const healthySeconds = (Date.now() - started) / 1000;
    const startCpuSeconds = cpuSecondsOf(app.child.pid);
    await new Promise((r) => setTimeout(r, idleMs));
    const pid = app.child.pid;
    const bytes = pid === undefined ? 0 : rssOfPid(pid);
    if (!bytes) throw new Error(`${service} (${mode}) is gone: no /proc/${pid}/status:\n${app.output().slice(-2000)}`);
    return { service, mode, healthySeconds, startCpuSeconds, idleRssMiB: bytes / 2 ** 20 };
  } finally {
    await stopApp(app, 15_000);
    running.delete(app);
  }
}

/** Each service built then from source, one process at a time (none competes with another for the cores). */
export async function measureAll(idleMs: number, services: readonly ServiceName[]) {
  const results: Footprint[] = [];
  for (const service of services) {
    for (const mode of ['built', 'source'] as const) {
      const footprint = await measureOne(service, mode, idleMs);
      console.log(
        `  ${service.padEnd(12)} ${mode.padEnd(6)} healthy after ${footprint.healthySeconds.toFixed(1)} s ` +
          `(${footprint.startCpuSeconds.toFixed(1)} s of CPU), ` +
          `idle RSS ${footprint.idleRssMiB.toFixed(1)} MiB`,
      );
      results.push(footprint);
    }
  }
  return results;
}

/** Stops whatever is still running (a failure or Ctrl-C halfway), each by its own pid. */
export async function stopRunning(): Promise<void> {
  await Promise.all([...running].map((app) => stopApp(app, 5_000)));
  running.clear();
}
