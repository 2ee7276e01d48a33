import { Inject, Injectable, Optional } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { MetricsRegistry } from '@sanshe/nest-platform';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';

/** The payment table is read at most this often, however many scrapers ask. */
const READ_EVERY_MS = 15_000;
/** Settlement latency is taken over payments settled within this window. */
export const SETTLE_LATENCY_WINDOW = '24 hours';

/**
 * Payments from funding's own table (the truth, across restarts and instances): how many by status and rail,
 * how long the oldest still-instructed one has waited, and the time from instruction to settlement (quantiles
 * over the last 24 h). Status and rail are the table's few values; a payment, grant or party never is a label.
 */
@Injectable()
export class PaymentMetrics {
  constructor(@Inject(getDataSourceToken()) dataSource: DataSource, @Optional() metrics?: MetricsRegistry) {
    if (!metrics) return;
    const payment = qualifiedTable(schemaNameOf(dataSource), 'payment');
    metrics.readGauge({
      name: 'sanshe_funding_payments',
      help: 'Payments of tranches, by status (instructed, settled, failed) and rail (internal, portal-confirmed)',
      labelNames: ['status', 'rail'],
      maxAgeMs: READ_EVERY_MS,
      read: async () => {
        const rows = (await dataSource.query(
          `SELECT status, rail, count(*)::int AS n FROM ${payment} GROUP BY status, rail`,
        )) as { status: string; rail: string; n: number }[];
        return rows.map(({ status, rail, n }) => ({ labels: { status, rail }, value: n }));
      },
    });
    metrics.readGauge({
      name: 'sanshe_funding_payment_oldest_instructed_age_seconds',
      help: 'How long the oldest payment instructed and not yet settled or failed has waited (0 when none)',
      maxAgeMs: READ_EVERY_MS,
      read: async () => {
        const [row] = (await dataSource.query(
          `SELECT COALESCE(extract(epoch FROM now() - min(instructed_at)), 0)::float8 AS age
             FROM ${payment} WHERE status = 'instructed'`,
        )) as { age: number }[];
        return [{ labels: {}, value: row?.age ?? 0 }];
      },
    });
    metrics.readGauge({
      name: 'sanshe_funding_payment_settle_seconds',
      help: `Time from a payment's instruction to its settlement, quantiles over those settled in the last ${SETTLE_LATENCY_WINDOW}`,
      labelNames: ['quantile'],
      maxAgeMs: READ_EVERY_MS,
      read: async () => {
        const [row] = (await dataSource.query(
          `SELECT percentile_cont(ARRAY[0.5, 0.9, 0.99]) WITHIN GROUP (ORDER BY extract(epoch FROM settled_at - instructed_at))::float8[] AS q
             FROM ${payment} WHERE status = 'settled' AND settled_at > now() - interval '${SETTLE_LATENCY_WINDOW}'`,
        )) as { q: number[] | null }[];
        const quantiles = row?.q ?? [];
        return ['0.5', '0.9', '0.99'].flatMap((quantile, at) =>
          quantiles[at] === undefined || quantiles[at] === null ? [] : [{ labels: { quantile }, value: quantiles[at] }],
        );
      },
    });
  }
}
