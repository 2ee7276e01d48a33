import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import type { ServiceName } from '@sanshe/config';
import { appEntryArgs } from './built-apps';
import { localLoginFor } from './kafka-security';

const ROOT = resolve(__dirname, '../..');

export interface AppProcess {
  service: ServiceName;
  port: number;
  child: ChildProcess;
  /** Everything the app printed so far. */
  output: () => string;
}

/**
 * Runs one service from source (swc, no build step) as its own process, as `npm start` does; on the local
 * secured broker it logs in as its own user, so that it can do only what infra/local/kafka/acls.json grants it.
 */
export function startApp(
  service: ServiceName,
  port: number,
  { env = process.env, onLine }: { env?: NodeJS.ProcessEnv; onLine?: (line: string) => void } = {},
): AppProcess {
  const child = spawn(process.execPath, appEntryArgs(service, env), {
    cwd: ROOT,
    // Plain lines: they are prefixed and interleaved. On the local secured broker, as its own Kafka user.
    env: { ...env, ...localLoginFor(env, service), PORT: String(port), NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    const text = chunk.toString();
    output += text;
    if (onLine) text.split('\n').filter(Boolean).forEach(onLine);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  return { service, port, child, output: () => output };
}

/** Polls /health until it answers 200; fails with the app's output if it exits or the time runs out. */
export async function waitUntilHealthy(app: AppProcess, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (app.child.exitCode !== null) {
      throw new Error(
        `${app.service} exited with ${app.child.exitCode} during start-up:\n${app.output().slice(-3000)}`,
      );
    }
    try {
      const response = await fetch(`http://127.0.0.1:${app.port}/health`, { signal: AbortSignal.timeout(5000) });
      if (response.ok) return;
      last = `${response.status} ${await response.text()}`;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(
    `${app.service} not healthy after ${timeoutMs / 1000} s (last: ${last}):\n${app.output().slice(-3000)}`,
  );
}

/** SIGTERM, then the exit code and signal once it is gone (SIGKILL after the grace period). */
export async function stopApp(
  app: AppProcess,
  graceMs = 30_000,
): Promise<{ code: number | null; signal: string | null }> {
  if (app.child.exitCode !== null || app.child.signalCode !== null) {
    return { code: app.child.exitCode, signal: app.child.signalCode };
  }
  const exited = once(app.child, 'exit') as Promise<[number | null, string | null]>;
  app.child.kill('SIGTERM');
  const timer = setTimeout(() => app.child.kill('SIGKILL'), graceMs);
  const [code, signal] = await exited;
  clearTimeout(timer);
  return { code, signal };
}
