/**
 * `npm run chaos [-- --short] [--only <scenario>,…] [--break lost|duplicate]`: starts a set of servers of its
 * own, runs every scenario against them, prints the table and exits 1 if any scenario lost or doubled an
 * effect or failed its oracle. See chaos/README.md.
 *
 * The environment is set before anything from infra/local is loaded: it reads SANSHE_STATE_DIR and
 * SANSHE_PORT_OFFSET once, at import.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { localStateDir } from '@sanshe/config';

/** The chaos servers' ports are the defaults + this, e.g. PostgreSQL on 15432 (README "Isolated servers"). */
const DEFAULT_PORT_OFFSET = '10000';

const { values } = parseArgs({
  options: {
    short: { type: 'boolean', default: false },
    only: { type: 'string' },
    break: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log('npm run chaos [-- --short] [--only <scenario>,…] [--break lost|duplicate]   (chaos/README.md)');
  process.exit(0);
}
if (values.break !== undefined && !['lost', 'duplicate'].includes(values.break)) {
  console.error('--break takes lost or duplicate');
  process.exit(2);
}

// Our own servers, never the developer's: a state directory and ports of their own, and no external server.
const sharedStateDir = localStateDir(process.env);
process.env.SANSHE_STATE_DIR = process.env.SANSHE_CHAOS_STATE_DIR ?? join(sharedStateDir, 'chaos');
process.env.SANSHE_PORT_OFFSET = process.env.SANSHE_CHAOS_PORT_OFFSET ?? DEFAULT_PORT_OFFSET;
for (const name of [
  'DATABASE_URL',
  'KAFKA_BROKERS',
  'TEMPORAL_ADDRESS',
  'TEMPORAL_NAMESPACE',
  'AUTH_JWKS_FILE',
  'AUTH_JWKS_URL',
]) {
  delete process.env[name];
}

void Promise.all([import('./harness/runner'), import('./scenarios')])
  .then(([{ runChaos }, { SCENARIOS }]) =>
    runChaos({
      scenarios: SCENARIOS,
      short: values.short,
      only: values.only?.split(',').map((name) => name.trim()),
      breakPlan: values.break as 'lost' | 'duplicate' | undefined,
    }),
  )
  .then(
    (exitCode) => process.exit(exitCode),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
