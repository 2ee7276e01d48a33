import { Injectable } from '@nestjs/common';
import {
  collectDefaultMetrics,
  Counter,
  type CounterConfiguration,
  Gauge,
  Histogram,
  type HistogramConfiguration,
  Registry,
} from 'prom-client';

/** A gauge's samples as read from where the truth is (a table, a broker, Temporal's visibility). */
export type GaugeSample<L extends string> = { labels: Partial<Record<L, string | number>>; value: number };

export interface ReadGaugeConfiguration<L extends string> {
  name: string;
  help: string;
  labelNames?: readonly L[];
  /** A scrape within this long of the last read reuses it: scrapers, however many, cost one read per period. */
  maxAgeMs: number;
  read: () => Promise<GaugeSample<L>[]>;
}

/**
 * The app's Prometheus registry: its own (tests run several apps in one process), with Node's default
 * process metrics. Series are made once by name, so two providers asking for the same one share it.
 * Labels must be bounded — a route template, a stage, a reason — never an id, a name or personal data.
 */
@Injectable()
export class MetricsRegistry {
  readonly registry = new Registry();
  private readonly readFailures: Counter<'series'>;

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    this.readFailures = this.counter({
      name: 'sanshe_metrics_read_failures_total',
      help: 'Scrapes where a series could not be read (its samples are left out of that scrape)',
      labelNames: ['series'],
    });
  }

  counter<L extends string>(config: Omit<CounterConfiguration<L>, 'registers'>): Counter<L> {
    return this.once(config.name, () => new Counter<L>({ ...config, registers: [this.registry] }));
  }

  histogram<L extends string>(config: Omit<HistogramConfiguration<L>, 'registers'>): Histogram<L> {
    return this.once(config.name, () => new Histogram<L>({ ...config, registers: [this.registry] }));
  }

  /**
   * A gauge read when scraped, at most once per `maxAgeMs` and never twice at once. A failed read leaves
   * the series out of that scrape (NaN when it has no labels; no stale figure) and counts in
   * sanshe_metrics_read_failures_total.
   */
  readGauge<L extends string>({ read, maxAgeMs, ...config }: ReadGaugeConfiguration<L>): Gauge<L> {
    const cachedRead = readAtMostEvery(maxAgeMs, read);
    const failures = this.readFailures;
    return this.once(
      config.name,
      () =>
        new Gauge<L>({
          ...config,
          registers: [this.registry],
          async collect() {
            this.reset();
            try {
              for (const { labels, value } of await cachedRead()) this.set(labels, value);
            } catch {
              failures.inc({ series: config.name });
              if (!config.labelNames?.length) this.set(NaN); // unknown, not 0: an unlabelled gauge always has a sample
            }
          },
        }),
    );
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  metrics(): Promise<string> {
    return this.registry.metrics();
  }

  private once<M>(name: string, create: () => M): M {
    return (this.registry.getSingleMetric(name) as M | undefined) ?? create();
  }
}

/** `read`, shared by callers within `maxAgeMs` of its last start, and by those that come while it runs. */
export function readAtMostEvery<T>(maxAgeMs: number, read: () => Promise<T>): () => Promise<T> {
  let last: { at: number; result: Promise<T> } | undefined;
  return () => {
    const now = Date.now();
    if (last && now - last.at < maxAgeMs) return last.result;
    const result = read();
    last = { at: now, result };
    result.catch(() => {
      if (last?.result === result) last = undefined; // a failure is not kept: the next scrape tries again
    });
    return result;
  };
}
