import { Module } from '@nestjs/common';
import { MESSAGING_MIGRATIONS } from '@sanshe/messaging';
import { migrate } from '@sanshe/persistence';
import { freePort, startServiceUnderTest } from '@sanshe/testing';
import { loadServiceConfig, ServiceKitModule } from '../src';

@Module({})
class BareServiceModule {}

describe('/health when a dependency is down', () => {
  it('answers 503 and names the dependency that is down, while the others stay up', async () => {
    const config = loadServiceConfig('talent', { ...process.env, KAFKA_BROKERS: `127.0.0.1:${await freePort()}` });
    await migrate({ url: config.DATABASE_URL, schema: 'talent', migrations: [...MESSAGING_MIGRATIONS] });
    const svc = await startServiceUnderTest('talent', {
      module: BareServiceModule,
      imports: [ServiceKitModule.forRoot({ config })],
    });
    try {
      const { status, body } = await svc.get('/health');
      expect(status).toBe(503);
      expect(body).toMatchObject({
        status: 'error',
        details: { postgres: { status: 'up' }, kafka: { status: 'down' } },
        error: { kafka: { status: 'down' } },
      });
    } finally {
      await svc.close();
    }
  });
});

describe('loadServiceConfig', () => {
  it('refuses an invalid port, naming the variable', () => {
    expect(() => loadServiceConfig('funding', { PORT: 'eighty' })).toThrow(/PORT: .*number/);
  });

  it("defaults to the service's own port", () => {
    expect(loadServiceConfig('funding', {}).PORT).toBe(3104);
  });
});
