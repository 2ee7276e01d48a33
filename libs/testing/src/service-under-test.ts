import type { DynamicModule, INestApplication } from '@nestjs/common';
import { createService } from '@sanshe/nest-platform';

export interface ServiceUnderTest {
  app: INestApplication;
  baseUrl: string;
  get(path: string): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

/** Boots a service's real app module on a free loopback port, with its real dependencies. */
export async function startServiceUnderTest(name: string, module: DynamicModule): Promise<ServiceUnderTest> {
  const app = await createService(module, {
    name,
    description: `${name} under test`,
    host: '127.0.0.1',
    port: 0,
    silent: true,
  });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    app,
    baseUrl,
    async get(path) {
      const response = await fetch(`${baseUrl}${path}`);
      return { status: response.status, body: (await response.json()) as unknown };
    },
    close: () => app.close(),
  };
}
