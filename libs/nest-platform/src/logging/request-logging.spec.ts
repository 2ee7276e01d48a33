import { Controller, Get, type INestApplication, Logger, Module } from '@nestjs/common';
import { createService } from '../bootstrap';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';

/** A request's line is written when its response finishes, which may come just after the client has it. */
async function until(done: () => boolean): Promise<void> {
  for (let tries = 0; tries < 100 && !done(); tries++) await new Promise((resolve) => setTimeout(resolve, 20));
}

@Controller('probe')
class ProbeController {
  private readonly logger = new Logger('Probe');
  @Get()
  async probe() {
    await new Promise((resolve) => setImmediate(resolve)); // the ids outlive an await
    this.logger.log('inside the request');
    return { ok: true };
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

describe('request logging (createService with `logging`)', () => {
  const lines: string[] = [];
  let app: INestApplication;
  let base: string;
  const entries = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

  beforeAll(async () => {
    app = await createService(ProbeModule, {
      name: 'probe',
      description: '',
      host: '127.0.0.1',
      port: 0,
      logging: { level: 'info', format: 'json', destination: { write: (line: string) => void lines.push(line) } },
    });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  });

  afterAll(() => app.close());

  it("puts the request's ids on what a handler logs and on the request's line, and echoes the request id", async () => {
    const response = await fetch(`${base}/probe`, {
      headers: {
        'x-request-id': 'probe-1',
        'x-correlation-id': 'proposal-p1',
        traceparent: `00-${TRACE}-00f067aa0ba902b7-01`,
      },
    });
    expect(response.headers.get('x-request-id')).toBe('probe-1');
    await response.text();
    await until(() => entries().filter((entry) => entry.requestId === 'probe-1').length >= 2);
    const mine = entries().filter((entry) => entry.requestId === 'probe-1');
    const ids = { service: 'probe', requestId: 'probe-1', correlationId: 'proposal-p1', traceId: TRACE };
    expect(mine).toEqual([
      expect.objectContaining({ ...ids, level: 'info', context: 'Probe', msg: 'inside the request' }),
      expect.objectContaining({ ...ids, level: 'info', res: expect.objectContaining({ statusCode: 200 }) }),
    ]);
  });

  it('logs a route that does not exist as a warning, with a request id of its own', async () => {
    const response = await fetch(`${base}/nowhere`);
    const id = response.headers.get('x-request-id');
    expect(response.status).toBe(404);
    await until(() => entries().some((entry) => entry.requestId === id));
    expect(entries().filter((entry) => entry.requestId === id)).toEqual([
      expect.objectContaining({ level: 'warn', res: expect.objectContaining({ statusCode: 404 }) }),
    ]);
  });
});
