import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { SERVICE_NAMES, SERVICES } from '@sanshe/config';
import { MetricsRegistry } from '@sanshe/nest-platform';

/**
 * infra/observability: the scrape config reaches every service on its port, and every series the dashboard
 * queries is one the apps export — declared in apps/ or libs/ (`name: 'sanshe_…'`) or among the registry's
 * default process metrics — so a renamed series cannot leave an empty panel behind.
 */
const ROOT = join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (entry === 'node_modules' || entry.startsWith('.')) return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /(?<!\.spec)\.ts$/.test(entry) && !entry.endsWith('-spec.ts') ? [path] : [];
  });
}

/** Every series name the apps can expose, a histogram's with its _bucket, _sum and _count. */
async function exportedSeries(): Promise<Set<string>> {
  const names = new Set<string>();
  const registry = new MetricsRegistry();
  for (const metric of await registry.registry.getMetricsAsJSON()) names.add(metric.name);
  const histograms = new Set<string>();
  for (const file of [...sourceFiles(join(ROOT, 'apps')), ...sourceFiles(join(ROOT, 'libs'))]) {
    const text = readFileSync(file, 'utf8');
    for (const [, name] of text.matchAll(/name: '(sanshe_[a-z0-9_]+)'/g)) if (name) names.add(name);
    for (const [, name] of text.matchAll(/histogram\(\{\s*name: '(sanshe_[a-z0-9_]+)'/g))
      if (name) histograms.add(name);
  }
  for (const name of histograms) for (const suffix of ['_bucket', '_sum', '_count']) names.add(name + suffix);
  return names;
}

interface Panel {
  title: string;
  targets?: { expr: string }[];
}

/** The series an expression selects: identifiers that are neither functions, keywords, label names nor strings. */
function seriesIn(expr: string): string[] {
  const withoutStrings = expr.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/\[[^\]]*\]/g, '');
  const withoutLabels = withoutStrings.replace(/\{[^}]*\}/g, '').replace(/\b(by|without)\s*\([^)]*\)/g, '');
  return [...withoutLabels.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\()?/g)]
    .filter(([, , call]) => call === undefined) // sum(…), rate(…): functions
    .map(([, name]) => name ?? '')
    .filter((name) => !['by', 'without', 'on', 'ignoring', 'and', 'or', 'unless'].includes(name));
}

describe('infra/observability', () => {
  it('scrapes every service at /metrics on its default port, labelled with its name', () => {
    const config = parse(readFileSync(join(__dirname, 'prometheus.yml'), 'utf8')) as {
      scrape_configs: { metrics_path: string; static_configs: { targets: string[]; labels: { service: string } }[] }[];
    };
    const [job] = config.scrape_configs;
    expect(job?.metrics_path).toBe('/metrics');
    const scraped = job?.static_configs.map(({ targets, labels }) => [labels.service, targets]);
    expect(scraped).toEqual(SERVICE_NAMES.map((name) => [name, [`127.0.0.1:${SERVICES[name].defaultPort}`]]));
  });

  it('queries in each dashboard panel only series the apps export', async () => {
    const dashboard = JSON.parse(readFileSync(join(__dirname, 'grafana', 'sanshe-dashboard.json'), 'utf8')) as {
      uid: string;
      panels: Panel[];
    };
    expect(dashboard.uid).toBe('sanshe-overview');
    const exported = await exportedSeries();
    expect(exported).toContain('sanshe_outbox_unsent_events'); // the scan found the declarations
    const unknown = dashboard.panels.flatMap(({ title, targets = [] }) => {
      expect([title, targets.length > 0]).toEqual([title, true]);
      return targets.flatMap(({ expr }) =>
        seriesIn(expr)
          .filter((name) => !exported.has(name))
          .map((name) => `${title}: ${name}`),
      );
    });
    expect(unknown).toEqual([]);
  });

  it('reads the series out of an expression (a misspelt one is caught)', () => {
    expect(
      seriesIn('sum by (service, le) (rate(sanshe_http_request_duration_seconds_bucket{status=~"5.."}[5m])) / sum(up)'),
    ).toEqual(['sanshe_http_request_duration_seconds_bucket', 'up']);
  });
});
