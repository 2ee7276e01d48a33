/**
 * Real PostgreSQL, Kafka and Temporal for development and tests, as plain processes (no Docker).
 *   npm run infra:up      install what is missing, start what is not running, wait until each answers
 *   npm run infra:down    stop what infra/local started
 *   npm run infra:status  what runs where, with pids and log files
 * Any of them can be named to act on it alone: `npm run infra:up -- kafka`.
 * A server named by DATABASE_URL, KAFKA_BROKERS or TEMPORAL_ADDRESS is the user's own: it is checked, never started or stopped.
 *   npm run kafka:user -- <name>   a SCRAM user on the local secured broker (e.g. a portal registered at run time)
 * `up --print-client-env` ends with one line `client-env <json>`: how a test logs in to the local broker, and one line
 * `test-env <json>`: the tests' own topic prefix, database and Temporal namespace (Jest's setup reads both).
 */
import { InfraError } from './errors';
import { testIsolationEnv } from './jest/test-isolation';
import { ADMIN_USER, kafkaSecurityMode, localKafkaLoginEnv } from './kafka-security';
import { ensureLocalKafkaUser } from './kafka';
import { dataDir } from './paths';
import { downAll, SERVER_NAMES, statusAll, upAll } from './servers';

/** The local secured broker's admin login, for the test harness (a super user: it makes and reads any topic). */
const clientEnv = (env: NodeJS.ProcessEnv) =>
  kafkaSecurityMode(env) === 'scram' && !env.KAFKA_BROKERS ? localKafkaLoginEnv(dataDir('kafka'), ADMIN_USER) : {};

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  const names = rest.filter((arg) => !arg.startsWith('--'));
  switch (command) {
    case 'up':
      await upAll({ names, quiet: rest.includes('--quiet') });
      if (rest.includes('--print-client-env')) {
        console.log(`client-env ${JSON.stringify(clientEnv(process.env))}`);
        console.log(`test-env ${JSON.stringify(testIsolationEnv(process.env))}`);
      }
      return 0;
    case 'down':
      await downAll({ names });
      return 0;
    case 'status':
      return (await statusAll({ names })) ? 0 : 1;
    case 'kafka-user':
      return printKafkaUser(names[0]);
    default:
      console.error(`usage: infra/local/cli.ts up [--quiet]|down|status [${SERVER_NAMES.join('|')} ...]`);
      console.error('       infra/local/cli.ts kafka-user <name>');
      return 2;
  }
}

/** `npm run kafka:user -- <name>`: the user on the local secured broker, and how to log in as it. */
async function printKafkaUser(user: string | undefined): Promise<number> {
  if (!user) {
    console.error("usage: npm run kafka:user -- <name>   (e.g. portal-street-310104-005: a portal's principal)");
    return 2;
  }
  if (kafkaSecurityMode(process.env) !== 'scram' || process.env.KAFKA_BROKERS) {
    console.error('kafka-user manages the local secured broker only (SANSHE_KAFKA_SECURITY=scram, no KAFKA_BROKERS)');
    return 2;
  }
  await upAll({ names: ['kafka'], quiet: true });
  for (const [name, value] of Object.entries(ensureLocalKafkaUser(user))) console.log(`export ${name}='${value}'`);
  return 0;
}

function report(err: unknown): void {
  for (const e of err instanceof AggregateError ? err.errors : [err]) {
    console.error(e instanceof InfraError ? `infra: ${e.message}` : e);
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    report(err);
    process.exit(1);
  },
);
