import { Inject, Injectable, Optional } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { MetricsRegistry } from '@sanshe/nest-platform';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';

/** The approvers' read model is read at most this often, however many scrapers ask. */
const READ_EVERY_MS = 15_000;

/**
 * Decisions open by kind and stage, and those past a deadline, from governance's own read model of open
 * decisions (pending_decision, kept by the decisions' public events): one grouped query each per period,
 * not a visibility query per scrape. Kinds and stages are the policies' few values, never a decision id.
 */
@Injectable()
export class DecisionMetrics {
  constructor(@Inject(getDataSourceToken()) dataSource: DataSource, @Optional() metrics?: MetricsRegistry) {
    if (!metrics) return;
    const schema = schemaNameOf(dataSource);
    const [decisions, votes] = [qualifiedTable(schema, 'pending_decision'), qualifiedTable(schema, 'pending_vote')];
    metrics.readGauge({
      name: 'sanshe_decisions_open',
      help: 'Open decisions, by kind and stage (voting, deliberation, escalated)',
      labelNames: ['kind', 'stage'],
      maxAgeMs: READ_EVERY_MS,
      read: async () => {
        const rows = (await dataSource.query(
          `SELECT kind, stage, count(*)::int AS n FROM ${decisions} GROUP BY kind, stage`,
        )) as { kind: string; stage: string; n: number }[];
        return rows.map(({ kind, stage, n }) => ({ labels: { kind, stage }, value: n }));
      },
    });
    metrics.readGauge({
      name: 'sanshe_decisions_past_deadline',
      help: 'Open decisions where a party that has not voted in the round is past its deadline, by kind',
      labelNames: ['kind'],
      maxAgeMs: READ_EVERY_MS,
      read: async () => {
        const rows = (await dataSource.query(
          `SELECT d.kind, count(*)::int AS n FROM ${decisions} AS d
            WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(d.pending) AS p
                           WHERE (p->>'deadline')::timestamptz < now()
                             AND NOT EXISTS (SELECT 1 FROM ${votes} AS v WHERE v.decision_id = d.decision_id
                                               AND v.party_id = p->>'partyId' AND v.round = d.round))
            GROUP BY d.kind`,
        )) as { kind: string; n: number }[];
        return rows.map(({ kind, n }) => ({ labels: { kind }, value: n }));
      },
    });
  }
}
