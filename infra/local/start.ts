/**
 * `npm start`: the whole platform on this machine. Brings the infrastructure up, migrates every
 * schema, starts the six services (the five contexts and the public page), waits until each is healthy and prints where everything is.
 * Then it runs the demo scenario once (apps/demo, docs/demo.md) unless `npm start -- --no-demo`.
 * Ctrl-C stops the services (each drains and exits cleanly); `npm run infra:down` stops the servers.
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { errorMessage } from '@sanshe/common';
import { LOCAL_INFRA, parsePlatformEnv, SERVICE_NAMES, SERVICES } from '@sanshe/config';
import { type AppProcess, startApp, stopApp, waitUntilHealthy } from './apps';
import { InfraError } from './errors';
import { migrateAll } from './migrate';
import { LOG_DIR } from './paths';
import { upAll } from './servers';

/**
 * What the demo needs of a development platform (never set with --no-demo): a tranche's public notice of 0
 * working days (governance refuses it under NODE_ENV=production; the notice is otherwise at least one working
 * day, so no tranche would be paid before tomorrow), and funding's gap sweep every 2 s instead of hourly.
 */
const DEMO_SETTINGS: Partial<Record<string, Record<string, string>>> = {
  governance: { GOVERNANCE_TEST_NOTICE_WORKING_DAYS: '0' },
  funding: { FUNDING_GAP_SWEEP_INTERVAL_MS: '2000' },
};

async function main(): Promise<void> {
  const withDemo = !process.argv.includes('--no-demo');
  await upAll();
  migrateAll();

  const apps: AppProcess[] = SERVICE_NAMES.map((service) =>
    startApp(
      service,
      Number(process.env[`${service.toUpperCase().replace('-', '_')}_PORT`] ?? SERVICES[service].defaultPort),
      {
        // Readable lines in a terminal (LOG_FORMAT=json keeps the services' JSON, as in production).
        env: {
          ...(withDemo ? DEMO_SETTINGS[service] : {}),
          ...process.env,
          LOG_FORMAT: process.env.LOG_FORMAT ?? 'pretty',
        },
        onLine: (line) => console.log(`${service.padEnd(12)} | ${line}`),
      },
    ),
  );
  let stopping = false;
  const stopAll = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the services (the infrastructure keeps running; npm run infra:down stops it)`);
    const results = await Promise.all(apps.map(stopApp));
    process.exit(results.every((r) => r.code === 0) ? 0 : 1);
  };
  process.on('SIGINT', () => void stopAll('SIGINT'));
  process.on('SIGTERM', () => void stopAll('SIGTERM'));

  try {
    await Promise.all(apps.map((app) => waitUntilHealthy(app)));
  } catch (err) {
    console.error(errorMessage(err));
    await stopAll('start-up failed');
    return;
  }
  for (const app of apps) {
    app.child.on('exit', (code) => {
      if (!stopping) console.error(`${app.service} exited unexpectedly (code ${code}); see its lines above`);
    });
  }
  printWhereEverythingIs(apps);
  if (withDemo) runDemo(apps);
}

/** The demo scenario against the services just started: its lines here (prefixed) and in its log file. */
function runDemo(apps: AppProcess[]): void {
  const log = join(LOG_DIR, 'demo.log');
  console.log(
    `The demo scenario runs now (npm start -- --no-demo skips it): its lines below, "demo |", and in ${log}\n`,
  );
  const baseUrls = apps.flatMap((app) => ['--base-url', `${app.service}=http://127.0.0.1:${app.port}`]);
  const started = Date.now();
  const child = spawn(process.execPath, [join(__dirname, '../../apps/demo/bin/demo.js'), ...baseUrls], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const file = createWriteStream(log);
  const print = (chunk: Buffer) => {
    file.write(chunk);
    for (const line of chunk.toString().split('\n').filter(Boolean)) console.log(`${'demo'.padEnd(12)} | ${line}`);
  };
  child.stdout.on('data', print);
  child.stderr.on('data', print);
  child.on('close', (code) => {
    file.end();
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    console.log(`\nThe demo ${code === 0 ? 'reached its summary' : `FAILED (exit ${code})`} in ${seconds} s: ${log}`);
  });
}

function printWhereEverythingIs(apps: AppProcess[]): void {
  const env = parsePlatformEnv(process.env);
  const temporalUi = process.env.TEMPORAL_ADDRESS
    ? "(your Temporal cluster's UI)"
    : `http://${LOCAL_INFRA.temporal.host}:${LOCAL_INFRA.temporal.uiPort}/namespaces/${env.TEMPORAL_NAMESPACE}/workflows`;
  const lines = [
    '',
    'Sanshe is running. Ctrl-C stops the services.',
    '',
    `  Temporal UI      ${temporalUi}`,
    `  Temporal         ${env.TEMPORAL_ADDRESS} (namespace ${env.TEMPORAL_NAMESPACE})`,
    `  Kafka            ${env.KAFKA_BROKERS.join(',')}`,
    `  PostgreSQL       ${env.DATABASE_URL.replace(/:[^:@/]*@/, ':***@')}`,
    ...apps
      .filter((app) => app.service === 'public-web')
      .map((app) => `  Public page      http://127.0.0.1:${app.port}/   (for residents: no token)`),
    '',
    ...apps.map(
      (app) =>
        `  ${app.service.padEnd(16)} API docs http://127.0.0.1:${app.port}/docs   health http://127.0.0.1:${app.port}/health`,
    ),
    '',
    '  HTTP calls need a bearer token; a development one (trusted only while no issuer is configured):',
    '    npm run token -- --sub <you> --party <party-id> --role <role>',
    '    e.g. --party jurisdiction:310104 --role policy-admin   (see docs/decisions.md, "Who may call the HTTP API")',
    '',
  ];
  console.log(lines.join('\n'));
}

main().catch((err: unknown) => {
  for (const e of err instanceof AggregateError ? err.errors : [err]) {
    console.error(e instanceof InfraError ? `infra: ${e.message}` : e);
  }
  process.exit(1);
});
