/**
 * Real PostgreSQL, Kafka and Temporal for development and tests, as plain processes (no Docker).
 *   npm run infra:up      install what is missing, start what is not running, wait until each answers
 *   npm run infra:down    stop what infra/local started
 *   npm run infra:status  what runs where, with pids and log files
 * A server named by DATABASE_URL, KAFKA_BROKERS or TEMPORAL_ADDRESS is the user's own: it is checked, never started or stopped.
 */
import { InfraError } from './errors';
import { createKafka } from './kafka';
import { CACHE_DIR, STATE_DIR } from './paths';
import { createPostgres } from './postgres';
import type { LocalServer } from './server';
import { createTemporal } from './temporal';
import { createTemporalTestServer } from './temporal-test-server';

const servers: LocalServer[] = [
  createPostgres(process.env),
  createKafka(process.env),
  createTemporal(process.env),
  createTemporalTestServer(process.env),
];

function selected(names: string[]): LocalServer[] {
  if (names.length === 0) return servers;
  const unknown = names.filter((n) => !servers.some((s) => s.name === n));
  if (unknown.length) {
    throw new InfraError('infra', `unknown server ${unknown.join(', ')}; choose from ${servers.map((s) => s.name).join(', ')}`);
  }
  return servers.filter((s) => names.includes(s.name));
}

/** Runs `action` on every server at once and reports each failure, not only the first. */
async function eachServer<T>(targets: LocalServer[], action: (s: LocalServer) => Promise<T>): Promise<T[]> {
  const results = await Promise.allSettled(targets.map(action));
  const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  if (failures.length) throw new AggregateError(failures, `${failures.length} server(s) failed`);
  return results.map((r) => (r as PromiseFulfilledResult<T>).value);
}

async function up(targets: LocalServer[]): Promise<void> {
  const started = Date.now();
  // Downloads one after another (their progress lines stay readable), then all servers start together.
  for (const server of targets) await server.install();
  const outcomes = await eachServer(targets, async (server) => {
    const t0 = Date.now();
    const outcome = await server.up();
    return `  ${server.name.padEnd(22)} ${outcome} (${((Date.now() - t0) / 1000).toFixed(1)} s)`;
  });
  console.log(`infra up in ${((Date.now() - started) / 1000).toFixed(1)} s\n${outcomes.join('\n')}`);
}

async function down(targets: LocalServer[]): Promise<void> {
  const outcomes = await eachServer(targets, async (s) => `  ${s.name.padEnd(22)} ${await s.down()}`);
  console.log(`infra down\n${outcomes.join('\n')}`);
}

async function status(targets: LocalServer[]): Promise<boolean> {
  const statuses = await eachServer(targets, (s) => s.status());
  console.log(`cache: ${CACHE_DIR}\nstate: ${STATE_DIR}`);
  for (const s of statuses) {
    console.log(`  ${s.name.padEnd(22)} ${s.state.padEnd(14)} ${s.endpoint}${s.pid ? ` pid ${s.pid}` : ''}`);
    if (s.detail) console.log(`  ${''.padEnd(22)} ${s.detail}`);
    if (s.log) console.log(`  ${''.padEnd(22)} log: ${s.log}`);
  }
  return statuses.every((s) => s.state === 'ready' || s.state === 'installed' || s.state === 'external, ready');
}

function report(err: unknown): void {
  const errors = err instanceof AggregateError ? err.errors : [err];
  for (const e of errors) {
    console.error(e instanceof InfraError ? `infra: ${e.message}` : e);
  }
}

async function main(): Promise<number> {
  const [command, ...names] = process.argv.slice(2);
  const targets = selected(names);
  switch (command) {
    case 'up':
      await up(targets);
      return 0;
    case 'down':
      await down(targets);
      return 0;
    case 'status':
      return (await status(targets)) ? 0 : 1;
    default:
      console.error('usage: infra/local/cli.ts up|down|status [postgres|kafka|temporal|temporal-test-server ...]');
      return 2;
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    report(err);
    process.exit(1);
  },
);
