import type { ActivityInterceptorsFactory, WorkerOptions } from '@temporalio/worker';
import type { MetricsRegistry } from '../metrics/metrics-registry';

/**
 * The worker's task latency, per activity type (a name in code, never an id): how long each attempt waited on
 * the task queue before this worker started it, and how long it ran, by outcome.
 */
export function activityMetrics(metrics: MetricsRegistry): ActivityInterceptorsFactory {
  const waited = metrics.histogram({
    name: 'sanshe_temporal_activity_schedule_to_start_seconds',
    help: 'Time an activity attempt waited on its task queue before this worker started it, by activity type',
    labelNames: ['activity'],
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
  });
  const ran = metrics.histogram({
    name: 'sanshe_temporal_activity_duration_seconds',
    help: 'Time an activity attempt ran on this worker, by activity type and outcome (completed, failed)',
    labelNames: ['activity', 'outcome'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  });
  return (context) => ({
    inbound: {
      async execute(input, next) {
        const { activityType: activity, currentAttemptScheduledTimestampMs: scheduledAt } = context.info;
        waited.observe({ activity }, Math.max(0, Date.now() - scheduledAt) / 1000);
        const started = process.hrtime.bigint();
        const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
        try {
          const result = await next(input);
          ran.observe({ activity, outcome: 'completed' }, seconds());
          return result;
        } catch (err) {
          ran.observe({ activity, outcome: 'failed' }, seconds());
          throw err;
        }
      },
    },
  });
}

/** `interceptors` with the activity metrics last (innermost: they time the activity, not the other interceptors). */
export function withActivityMetrics(
  interceptors: WorkerOptions['interceptors'],
  metrics: MetricsRegistry | undefined,
): WorkerOptions['interceptors'] {
  if (!metrics) return interceptors;
  return { ...interceptors, activity: [...(interceptors?.activity ?? []), activityMetrics(metrics)] };
}
