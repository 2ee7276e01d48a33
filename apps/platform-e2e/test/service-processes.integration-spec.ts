import { createServer } from 'node:net';
import { SERVICE_NAMES } from '@sanshe/config';
import { type AppProcess, migrateAll, startApp, stopApp, waitUntilHealthy } from '@sanshe/infra';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

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
