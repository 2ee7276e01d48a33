import { SERVICE_NAMES } from '@sanshe/config';
import { type AppProcess, migrateAll, startApp, stopApp, waitUntilHealthy } from '@sanshe/infra';
import { freePort } from '@sanshe/testing';

/** The five services as `npm start` runs them: separate processes, from source, against the real servers. */
describe('the five services as processes', () => {
  const apps: AppProcess[] = [];

  beforeAll(() => migrateAll(), 60_000);

  afterAll(async () => {
    await Promise.all(apps.map((app) => stopApp(app, 5_000)));
  });

  it('boot, answer /health, and exit 0 on SIGTERM after draining', async () => {
    for (const service of SERVICE_NAMES) apps.push(startApp(service, await freePort()));
    await Promise.all(apps.map((app) => waitUntilHealthy(app)));

    const exits = await Promise.all(apps.map((app) => stopApp(app)));

    expect(Object.fromEntries(apps.map((app, i) => [app.service, exits[i]]))).toEqual(
      Object.fromEntries(SERVICE_NAMES.map((service) => [service, { code: 0, signal: null }])),
    );
    for (const app of apps) {
      expect(app.output()).toContain('SIGTERM received, shutting down');
      expect(app.output()).toContain('stopped cleanly');
    }
  }, 180_000);
});
