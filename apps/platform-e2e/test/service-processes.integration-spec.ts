import { once } from 'node:events';
import { SERVICE_NAMES } from '@sanshe/config';
import { parseExposition } from '@sanshe/nest-platform';
import { type AppProcess, migrateAll, startApp, stopApp, waitUntilHealthy } from '@sanshe/infra';
import { freePort, freePorts, testConsumerGroup } from '@sanshe/testing';

/** The series every service exposes on /metrics (docs/operations.md, "Metrics"), and those of its own. */
const EVERY_SERVICE_METRICS = [
  'sanshe_http_requests_total',
  'sanshe_http_request_duration_seconds',
  'sanshe_outbox_unsent_events',
  'sanshe_outbox_oldest_unsent_age_seconds',
  'sanshe_consumer_lag_messages',
  'sanshe_inbox_dead_letters_total',
  'process_resident_memory_bytes',
];
const EXPECTED_METRICS: Partial<Record<string, string[]>> = {
  governance: [
    ...EVERY_SERVICE_METRICS,
    'sanshe_decisions_open',
    'sanshe_disbursements_running',
    'sanshe_temporal_activity_duration_seconds',
  ],
  funding: [...EVERY_SERVICE_METRICS, 'sanshe_funding_payments', 'sanshe_temporal_activity_duration_seconds'],
};

/** The metric families a service's /metrics declares (# TYPE lines), fetched without a token. */
async function metricFamiliesOf(port: number): Promise<string[]> {
  const response = await fetch(`http://127.0.0.1:${port}/metrics`);
  return [...parseExposition(await response.text()).types.keys()];
}

/**
 * The services as `npm start` runs them (separate processes, from source, against the real servers), each in a
 * consumer group of the run's own.
 */
describe('the six services as processes', () => {
  const apps: AppProcess[] = [];

  beforeAll(() => migrateAll(), 60_000);

  afterAll(async () => {
    await Promise.all(apps.map((app) => stopApp(app, 5_000)));
  });

  it('boot, answer /health, and exit 0 on SIGTERM after draining', async () => {
    const ports = await freePorts(SERVICE_NAMES.length); // distinct: none has bound its port yet
    // Consumer groups of this run's own, from the topics' ends: in the default groups, governance worked
    // through everything other suites had published (Updates for decisions whose workers are gone), and
    // its drain on SIGTERM took 20 s instead of 1 s.
    const env = (service: string) => ({
      ...process.env,
      KAFKA_GROUP_ID: testConsumerGroup(service, 'processes'),
      KAFKA_FROM_BEGINNING: 'false',
    });
    SERVICE_NAMES.forEach((service, i) => apps.push(startApp(service, ports[i], { env: env(service) })));
    await Promise.all(apps.map((app) => waitUntilHealthy(app)));
    for (const app of apps)
      expect([app.service, await metricFamiliesOf(app.port)]).toEqual([
        app.service,
        expect.arrayContaining(EXPECTED_METRICS[app.service] ?? EVERY_SERVICE_METRICS),
      ]);

    const exits = await Promise.all(apps.map((app) => stopApp(app)));

    expect(Object.fromEntries(apps.map((app, i) => [app.service, exits[i]]))).toEqual(
      Object.fromEntries(SERVICE_NAMES.map((service) => [service, { code: 0, signal: null }])),
    );
    for (const app of apps) {
      expect(app.output()).toContain('SIGTERM received, shutting down');
      expect(app.output()).toContain('stopped cleanly');
    }
  }, 180_000);

  it('refuse to start in production without their servers and token issuer, naming what is missing', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' };
    for (const name of [
      'DATABASE_URL',
      'KAFKA_BROKERS',
      'TEMPORAL_ADDRESS',
      'AUTH_JWKS_URL',
      'AUTH_JWKS_FILE',
      'AUTH_ISSUER',
    ]) {
      delete env[name];
    }
    const app = startApp('community', await freePort(), { env });
    const [code] = (await once(app.child, 'exit')) as [number | null];
    expect(code).toBe(1);
    for (const missing of [
      'DATABASE_URL',
      'KAFKA_BROKERS',
      'TEMPORAL_ADDRESS',
      'AUTH_JWKS_URL or AUTH_JWKS_FILE',
      'AUTH_ISSUER',
    ]) {
      expect(app.output()).toContain(`${missing}: must be set when NODE_ENV=production`);
    }
  }, 60_000);
});
