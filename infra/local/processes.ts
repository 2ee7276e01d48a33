import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname } from 'node:path';
import { InfraError } from './errors';
import { logFile, pidFile } from './paths';

export interface ProcessSpec {
  server: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** A string that appears in the process's command line, so a recycled pid is not mistaken for ours. */
  marker: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const status = readProc(pid, 'stat');
  return status !== undefined && !/^\d+ \(.*\) Z/.test(status); // a zombie is not running
}

function readProc(pid: number, file: string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return undefined;
  }
}

/** The pid recorded for `server` if that process is alive and is really ours. */
export function runningPid(server: string, marker: string): number | undefined {
  const file = pidFile(server);
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined;
  const cmdline = readProc(pid, 'cmdline')?.replace(/\0/g, ' ') ?? '';
  return cmdline.includes(marker) ? pid : undefined;
}

export function recordPid(server: string, pid: number): void {
  mkdirSync(dirname(pidFile(server)), { recursive: true });
  writeFileSync(pidFile(server), `${pid}\n`);
}

/** Starts a long-running server in its own process group, detached from this one, logging to its log file. */
export function startDetached(spec: ProcessSpec): number {
  const log = logFile(spec.server);
  mkdirSync(dirname(log), { recursive: true });
  const fd = openSync(log, 'a');
  try {
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env ?? process.env,
      detached: true,
      stdio: ['ignore', fd, fd],
    });
    if (child.pid === undefined) throw new InfraError(spec.server, `could not start ${spec.command}`, log);
    child.unref();
    recordPid(spec.server, child.pid);
    return child.pid;
  } finally {
    closeSync(fd);
  }
}

/** SIGTERM, then SIGKILL after the grace period; resolves when the process is gone. */
export async function stopPid(server: string, pid: number, graceMs = 20_000): Promise<void> {
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal); // the whole group: JVM and wrappers alike
    } catch {
      try {
        process.kill(pid, signal);
      } catch {
        /* already gone */
      }
    }
  };
  signalGroup('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(200);
  if (isAlive(pid)) signalGroup('SIGKILL');
  while (isAlive(pid)) await sleep(100);
  rmSync(pidFile(server), { force: true });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function tail(file: string, lines = 20): string {
  if (!existsSync(file)) return '(no log yet)';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

/** Fails with a clear message when something else already listens where a server must. */
export async function assertPortFree(server: string, host: string, port: number, overrideVar: string): Promise<void> {
  const inUse = await new Promise<boolean>((resolve) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'EADDRINUSE' || err.code === 'EACCES'));
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve(false)));
  });
  if (!inUse) return;
  const holder = spawnSync('ss', ['-Hltnp', `sport = :${port}`], { encoding: 'utf8' }).stdout?.trim();
  throw new InfraError(
    server,
    `port ${host}:${port} is already in use by another process${holder ? ` (${holder})` : ''}, ` +
      `not by Sanshe's ${server}. Stop that process, or set ${overrideVar} to use a ${server} you already run.`,
  );
}

export interface ReadinessOptions {
  server: string;
  pid?: number;
  timeoutMs: number;
  /** A real client call; resolves when the server answers it. */
  probe: () => Promise<void>;
}

/** Retries the probe until it succeeds; fails early if the process died, with the log's last lines. */
export async function waitUntilReady({ server, pid, timeoutMs, probe }: ReadinessOptions): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: string;
  for (;;) {
    try {
      await probe();
      return;
    } catch (err) {
      lastError = err instanceof Error ? err.message : String(err);
    }
    if (pid !== undefined && !isAlive(pid)) {
      throw new InfraError(
        server,
        `exited during start-up. Last log lines:\n${tail(logFile(server))}`,
        logFile(server),
      );
    }
    if (Date.now() > deadline) {
      throw new InfraError(
        server,
        `not ready after ${Math.round(timeoutMs / 1000)} s (last error: ${lastError}). Last log lines:\n${tail(logFile(server))}`,
        logFile(server),
      );
    }
    await sleep(500);
  }
}
