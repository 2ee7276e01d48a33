import { ensureDevKeyPair } from '@sanshe/auth';
import { InfraError } from './errors';
import { createKafka } from './kafka';
import { CACHE_DIR, STATE_DIR } from './paths';
import { createPostgres } from './postgres';
import type { LocalServer } from './server';
import { createTemporal } from './temporal';
import { createTemporalTestServer } from './temporal-test-server';

export const SERVER_NAMES = ['postgres', 'kafka', 'temporal', 'temporal-test-server'] as const;

function servers(env: NodeJS.ProcessEnv): LocalServer[] {
  return [createPostgres(env), createKafka(env), createTemporal(env), createTemporalTestServer(env)];
}

interface Options {
  names?: string[];
  env?: NodeJS.ProcessEnv;
  quiet?: boolean;
}

function selected({ names = [], env = process.env }: Options): LocalServer[] {
  const all = servers(env);
  const unknown = names.filter((n) => !all.some((s) => s.name === n));
  if (unknown.length) {
    throw new InfraError('infra', `unknown server ${unknown.join(', ')}; choose from ${SERVER_NAMES.join(', ')}`);
  }
  return names.length ? all.filter((s) => names.includes(s.name)) : all;
}

/** Runs `action` on every server at once and reports each failure, not only the first. */
async function eachServer<T>(targets: LocalServer[], action: (s: LocalServer) => Promise<T>): Promise<T[]> {
  const results = await Promise.allSettled(targets.map(action));
  const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  if (failures.length === 1) throw failures[0];
  if (failures.length)
    throw new AggregateError(failures, failures.map((f) => String((f as Error).message ?? f)).join('\n'));
  return results.map((r) => (r as PromiseFulfilledResult<T>).value);
}

const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

export async function upAll(options: Options = {}): Promise<void> {
  const targets = selected(options);
  const started = Date.now();
  // Downloads one after another (their progress lines stay readable), then all servers start together.
  for (const server of targets) await server.install();
  const outcomes = await eachServer(targets, async (server) => {
    const t0 = Date.now();
    const outcome = await server.up();
    return { line: `  ${server.name.padEnd(22)} ${outcome} (${seconds(t0)})`, outcome };
  });
  // The development issuer's key pair: services verify tokens with it unless a real issuer is configured.
  const keys = await ensureDevKeyPair(STATE_DIR);
  if (keys.created)
    outcomes.push({ line: `  dev token keys         created (${keys.publicJwks})`, outcome: 'started' });
  const changed = outcomes.some((o) => o.outcome === 'started');
  if (!options.quiet || changed) {
    console.log(`infra up in ${seconds(started)}\n${outcomes.map((o) => o.line).join('\n')}`);
  }
}

export async function downAll(options: Options = {}): Promise<void> {
  const outcomes = await eachServer(selected(options), async (s) => `  ${s.name.padEnd(22)} ${await s.down()}`);
  console.log(`infra down\n${outcomes.join('\n')}`);
}

/** Prints what runs where; true when every server is ready. */
export async function statusAll(options: Options = {}): Promise<boolean> {
  const statuses = await eachServer(selected(options), (s) => s.status());
  console.log(`cache: ${CACHE_DIR}\nstate: ${STATE_DIR}`);
  for (const s of statuses) {
    console.log(`  ${s.name.padEnd(22)} ${s.state.padEnd(14)} ${s.endpoint}${s.pid ? ` pid ${s.pid}` : ''}`);
    if (s.detail) console.log(`  ${''.padEnd(22)} ${s.detail}`);
    if (s.log) console.log(`  ${''.padEnd(22)} log: ${s.log}`);
  }
  return statuses.every((s) => ['ready', 'installed', 'external, ready'].includes(s.state));
}
