import { Controller, Get, type INestApplication, Module, Param } from '@nestjs/common';
import { createService } from '../bootstrap';
import { familyOf, parseExposition } from './exposition';
import { MetricsModule } from './metrics.module';
import { MetricsRegistry, readAtMostEvery } from './metrics-registry';

@Controller('communities')
class CommunitiesProbe {
  @Get(':communityId')
  one(@Param('communityId') communityId: string) {
    if (communityId === 'boom') throw new Error('boom');
    return { communityId };
  }
}

@Module({ imports: [MetricsModule], controllers: [CommunitiesProbe] })
class ProbeApp {}

describe('GET /metrics (MetricsModule on createService)', () => {
  let app: INestApplication;
  let base: string;
  const scrape = async () => {
    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return parseExposition(await response.text());
  };

  beforeAll(async () => {
    app = await createService(ProbeApp, { name: 'probe', description: '', host: '127.0.0.1', port: 0, silent: true });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  });

  afterAll(() => app.close());

  it('counts requests by route template, method and status — never the URL with its id', async () => {
    for (const path of [
      '/communities/310104-005-001',
      '/communities/310104-005-002',
      '/communities/boom',
      '/nowhere/42',
    ])
      await (await fetch(base + path)).text();
    const { samples } = await scrape();
    const requests = samples.filter((s) => s.name === 'sanshe_http_requests_total');
    const route = '/communities/:communityId';
    expect(requests).toEqual(
      expect.arrayContaining([
        { name: 'sanshe_http_requests_total', labels: { method: 'GET', route, status: '200' }, value: 2 },
        { name: 'sanshe_http_requests_total', labels: { method: 'GET', route, status: '500' }, value: 1 },
        { name: 'sanshe_http_requests_total', labels: { method: 'GET', route: 'unmatched', status: '404' }, value: 1 },
      ]),
    );
    const latency = samples.filter((s) => s.name === 'sanshe_http_request_duration_seconds_count');
    expect(latency).toContainEqual(expect.objectContaining({ labels: { method: 'GET', route }, value: 3 }));
    const labelValues = samples.flatMap((s) => Object.values(s.labels));
    expect(labelValues.filter((value) => /310104|boom|42/.test(value))).toEqual([]);
  });

  it("exposes Node's default process metrics beside the platform's, each family typed", async () => {
    const { samples, types } = await scrape();
    const families = new Set(samples.map((s) => familyOf(s.name, types)));
    for (const name of ['process_cpu_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds'])
      expect(families).toContain(name);
    for (const family of families) expect(types.has(family)).toBe(true);
  });

  it('is public, documented in the OpenAPI document as text', async () => {
    const document = (await (await fetch(`${base}/docs/openapi.json`)).json()) as {
      paths: Record<string, { get?: { responses: Record<string, { content?: Record<string, unknown> }> } }>;
    };
    expect(Object.keys(document.paths['/metrics']?.get?.responses['200']?.content ?? {})).toEqual([
      'text/plain; version=0.0.4; charset=utf-8',
    ]);
  });
});

describe('MetricsRegistry.readGauge', () => {
  it('reads at most once per period, and leaves a failed read out of the scrape, counted', async () => {
    const metrics = new MetricsRegistry();
    let reads = 0;
    metrics.readGauge({
      name: 'sanshe_probe_backlog',
      help: 'probe',
      labelNames: ['stage'],
      maxAgeMs: 60_000,
      read: () => {
        reads++;
        return Promise.resolve([{ labels: { stage: 'voting' }, value: 3 }]);
      },
    });
    const sample = async (name: string) =>
      parseExposition(await metrics.metrics()).samples.filter((s) => s.name === name);
    expect(await sample('sanshe_probe_backlog')).toEqual([
      { name: 'sanshe_probe_backlog', labels: { stage: 'voting' }, value: 3 },
    ]);
    await metrics.metrics();
    expect(reads).toBe(1);

    const failing = new MetricsRegistry();
    failing.readGauge({
      name: 'sanshe_probe_down',
      help: 'probe',
      maxAgeMs: 0,
      read: () => Promise.reject(new Error('x')),
    });
    const { samples } = parseExposition(await failing.metrics());
    expect(samples.filter((s) => s.name === 'sanshe_probe_down')).toEqual([
      { name: 'sanshe_probe_down', labels: {}, value: NaN },
    ]);
    const next = parseExposition(await failing.metrics()).samples; // a scrape's counters are read before its gauges
    expect(next).toContainEqual({
      name: 'sanshe_metrics_read_failures_total',
      labels: { series: 'sanshe_probe_down' },
      value: 1,
    });
  });

  it('readAtMostEvery shares one read among concurrent callers and retries after a failure', async () => {
    let calls = 0;
    const read = readAtMostEvery(60_000, () =>
      ++calls === 1 ? Promise.reject(new Error('once')) : Promise.resolve(calls),
    );
    await expect(read()).rejects.toThrow('once');
    await new Promise((resolve) => setImmediate(resolve));
    expect(await Promise.all([read(), read()])).toEqual([2, 2]);
    expect(calls).toBe(2);
  });
});

describe('parseExposition', () => {
  it('refuses a line that is not a sample', () => {
    expect(() => parseExposition('sanshe_x{a="1"} not-a-number\n')).toThrow('not a Prometheus sample line');
    expect(() => parseExposition('sanshe x 1\n')).toThrow('not a Prometheus sample line');
    expect(parseExposition('sanshe_x{a="q\\"uote"} 1.5e3\n').samples).toEqual([
      { name: 'sanshe_x', labels: { a: 'q"uote' }, value: 1500 },
    ]);
  });
});
