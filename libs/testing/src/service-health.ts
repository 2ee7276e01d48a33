import type { DynamicModule } from '@nestjs/common';
import { eventually } from './polling';
import { startServiceUnderTest } from './service-under-test';

/**
 * The test every service skeleton owes: its real module boots against the real servers and
 * `/health` answers 200 with each dependency reported up.
 */
export function describeServiceHealth(
  service: string,
  appModule: () => DynamicModule,
  dependencies: string[],
  /** Runs first, e.g. the service's migrations. */
  prepare?: () => Promise<unknown>,
): void {
  describe(`${service} service`, () => {
    if (prepare) beforeAll(prepare);

    it(`boots and reports ${dependencies.join(', ')} up on /health`, async () => {
      const svc = await startServiceUnderTest(service, appModule());
      try {
        // Readiness, as a probe sees it: the relay's first round and the worker's start take a moment.
        const { body } = await eventually(
          async () => {
            const health = await svc.get('/health');
            expect({ status: health.status, body: health.body }).toMatchObject({
              status: 200,
              body: { status: 'ok', details: Object.fromEntries(dependencies.map((d) => [d, { status: 'up' }])) },
            });
            return health;
          },
          { timeoutMs: 15_000, intervalMs: 200 },
        );
        expect(Object.keys((body as { details: object }).details).sort()).toEqual([...dependencies].sort());
        const docs = await fetch(`${svc.baseUrl}/docs/openapi.json`);
        expect(((await docs.json()) as { info: { title: string } }).info.title).toBe(`Sanshe ${service}`);
      } finally {
        await svc.close();
      }
    });
  });
}
