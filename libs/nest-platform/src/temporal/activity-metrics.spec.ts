import type { ActivityExecuteInput } from '@temporalio/worker';
import { parseExposition } from '../metrics/exposition';
import { MetricsRegistry } from '../metrics/metrics-registry';
import { activityMetrics, withActivityMetrics } from './activity-metrics';

const contextOf = (activityType: string, scheduledMsAgo: number) =>
  ({ info: { activityType, currentAttemptScheduledTimestampMs: Date.now() - scheduledMsAgo } }) as never;

describe('activityMetrics (the worker’s activity interceptor)', () => {
  it('observes each attempt’s wait on the task queue and its run by activity type and outcome', async () => {
    const metrics = new MetricsRegistry();
    const interceptors = activityMetrics(metrics);
    const input = {} as ActivityExecuteInput;
    await interceptors(contextOf('payTranche', 2_000)).inbound?.execute?.(input, () => Promise.resolve('paid'));
    const failing = interceptors(contextOf('payTranche', 0)).inbound?.execute?.(input, () =>
      Promise.reject(new Error('rail down')),
    );
    await expect(failing).rejects.toThrow('rail down');
    const samples = parseExposition(await metrics.metrics()).samples;
    const count = (name: string, labels: Record<string, string>) =>
      samples.find((s) => s.name === name && JSON.stringify(s.labels) === JSON.stringify(labels))?.value;
    expect(
      count('sanshe_temporal_activity_duration_seconds_count', { activity: 'payTranche', outcome: 'completed' }),
    ).toBe(1);
    expect(
      count('sanshe_temporal_activity_duration_seconds_count', { activity: 'payTranche', outcome: 'failed' }),
    ).toBe(1);
    expect(count('sanshe_temporal_activity_schedule_to_start_seconds_count', { activity: 'payTranche' })).toBe(2);
    // The attempt scheduled 2 s before it started is in no bucket below 2 s.
    expect(
      count('sanshe_temporal_activity_schedule_to_start_seconds_bucket', { le: '1', activity: 'payTranche' }),
    ).toBe(1);
    expect(
      count('sanshe_temporal_activity_schedule_to_start_seconds_bucket', { le: '2.5', activity: 'payTranche' }),
    ).toBe(2);
  });

  it('comes after the other activity interceptors (tracing), and not at all without a registry', () => {
    const tracing = () => ({});
    const merged = withActivityMetrics({ activity: [tracing], workflowModules: ['w'] }, new MetricsRegistry());
    expect(merged?.activity?.[0]).toBe(tracing);
    expect(merged?.activity).toHaveLength(2);
    expect(merged?.workflowModules).toEqual(['w']);
    expect(withActivityMetrics({ activity: [tracing] }, undefined)).toEqual({ activity: [tracing] });
  });
});
