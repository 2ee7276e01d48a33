import { Controller, Get, type INestApplication, Module, Param, Put } from '@nestjs/common';
import { createService } from '../bootstrap';
import { documentedPathMethods } from './undeclared-methods';

@Controller('things')
class ThingsController {
  @Get()
  list() {
    return [];
  }
  @Get('resolve')
  resolve() {
    return { resolved: true };
  }
  @Get(':thingId')
  one(@Param('thingId') thingId: string) {
    return { thingId };
  }
  @Put(':thingId')
  put(@Param('thingId') thingId: string) {
    return { put: thingId };
  }
}

@Module({ controllers: [ThingsController] })
class ThingsModule {}

describe('undeclared methods', () => {
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    app = await createService(ThingsModule, {
      name: 'things',
      description: '',
      host: '127.0.0.1',
      port: 0,
      silent: true,
    });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  });
  afterAll(() => app.close());

  it('lists each documented path with its methods, HEAD wherever GET is', () => {
    const paths = documentedPathMethods({
      paths: { '/things': { get: {} }, '/things/{thingId}': { get: {}, put: {} }, '/jobs': { post: {} } },
    });
    expect(paths.map((p) => p.allow)).toEqual(['GET, HEAD', 'GET, PUT, HEAD', 'POST']);
    expect(paths[1].pattern.test('/things/t-1')).toBe(true);
    expect(paths[1].pattern.test('/things/t-1/parts')).toBe(false);
  });

  it('answers a method the document does not declare on a known path 405 with Allow, before any route', async () => {
    for (const [method, path, allow] of [
      ['POST', '/things', 'GET, HEAD'],
      ['OPTIONS', '/things/resolve', 'GET, HEAD'],
      ['DELETE', '/things/t-1', 'GET, PUT, HEAD'],
      ['PATCH', '/things/t-1/', 'GET, PUT, HEAD'],
    ]) {
      const response = await fetch(`${base}${path}`, { method });
      expect([method, path, response.status, response.headers.get('allow')]).toEqual([method, path, 405, allow]);
      expect(await response.json()).toEqual({
        statusCode: 405,
        message: `${method} is not allowed on ${path}; it allows ${allow}`,
      });
    }
  });

  it('leaves declared methods, a method another matching path declares, and unknown paths to the router', async () => {
    expect((await fetch(`${base}/things`)).status).toBe(200);
    expect((await fetch(`${base}/things`, { method: 'HEAD' })).status).toBe(200);
    expect(await (await fetch(`${base}/things/resolve`, { method: 'PUT' })).json()).toEqual({ put: 'resolve' });
    expect((await fetch(`${base}/nowhere`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${base}/docs/openapi.json`)).status).toBe(200);
  });
});
