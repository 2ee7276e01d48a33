import { Injectable, Optional } from '@nestjs/common';
import type { WorkflowExecutionInfo } from '@temporalio/client';
import { MetricsRegistry } from '@sanshe/nest-platform';
import { StageKey } from '@sanshe/workflows';
import { TemporalClientHolder } from '../../decisions/decisions.module';

/** One visibility listing of the running disbursements at most this often, however many scrapers ask. */
const READ_EVERY_MS = 30_000;

/** Running disbursements (`disbursement/<grantId>`): those with a grant, still running. */
export const RUNNING_DISBURSEMENTS_QUERY = `GrantId IS NOT NULL AND ExecutionStatus = 'Running'`;

/** Running disbursements counted by their Stage search attribute (`unknown` before the workflow sets one). */
export async function disbursementsByStage(
  executions: AsyncIterable<Pick<WorkflowExecutionInfo, 'typedSearchAttributes'>>,
) {
  const counts = new Map<string, number>();
  for await (const execution of executions) {
    const stage = execution.typedSearchAttributes.get(StageKey) ?? 'unknown';
    counts.set(stage, (counts.get(stage) ?? 0) + 1);
  }
  return [...counts].map(([stage, value]) => ({ labels: { stage }, value }));
}

/**
 * Disbursements by stage from Temporal's visibility (where the workflow keeps its Stage), listed once per
 * period rather than on every scrape; a grant id never becomes a label.
 */
@Injectable()
export class DisbursementMetrics {
  constructor(temporal: TemporalClientHolder, @Optional() metrics?: MetricsRegistry) {
    metrics?.readGauge({
      name: 'sanshe_disbursements_running',
      help: 'Running grant disbursements, by stage (awaiting-evidence, notice, payment-stuck, …)',
      labelNames: ['stage'],
      maxAgeMs: READ_EVERY_MS,
      read: () =>
        temporal.bounded((client) =>
          disbursementsByStage(client.workflow.list({ query: RUNNING_DISBURSEMENTS_QUERY })),
        ),
    });
  }
}
