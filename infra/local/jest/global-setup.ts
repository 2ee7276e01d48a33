import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * Brings up whatever local server is not running (well under a second when all run), so any single
 * test can be run directly. A server that cannot start fails the run, naming it and its log.
 * A child process, because Jest's global setup runs outside its module registry and so without the
 * workspace's path aliases. It also says how to log in to the local secured broker: as its admin, set here for
 * the test workers and every process they start (those that start services hand each its own user: startApp).
 * Settings already in the environment win (a broker of the user's own). Then the tests keep to themselves
 * (test-isolation.ts): their own Kafka topic prefix, database and Temporal namespace, each unless already set.
 */
export default function globalSetup(): void {
  const root = resolve(__dirname, '../../..');
  const result = spawnSync(
    process.execPath,
    ['-r', '@swc-node/register', 'infra/local/cli.ts', 'up', '--quiet', '--print-client-env'],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' },
  );
  const lines = (result.stdout ?? '').split('\n');
  const clientEnvLine = lines.find((line) => line.startsWith('client-env '));
  const testEnvLine = lines.find((line) => line.startsWith('test-env '));
  const printed = lines.filter((line) => line && line !== clientEnvLine && line !== testEnvLine).join('\n');
  if (printed) console.log(printed);
  if (result.status !== 0 || !clientEnvLine || !testEnvLine) {
    throw new Error('local infrastructure is not up (see the infra: lines above)');
  }
  const clientEnv = JSON.parse(clientEnvLine.slice('client-env '.length)) as Record<string, string>;
  if (process.env.KAFKA_SASL_MECHANISM === undefined) Object.assign(process.env, clientEnv);
  const testEnv = JSON.parse(testEnvLine.slice('test-env '.length)) as Record<string, string>;
  for (const [name, value] of Object.entries(testEnv)) process.env[name] ??= value;
}
