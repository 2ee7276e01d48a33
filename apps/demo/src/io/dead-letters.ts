import type { ServiceName } from '@sanshe/config';
import type { DeadLetterCount } from '../scenario/demo-record';
import type { ServiceClient } from './service-client';

/**
 * How many events each service's consumer has dead-lettered since it started: its /health's `inbox` counts
 * (docs/operations.md). A service that does not answer is a failure of the run, not a zero.
 */
export async function deadLettersSoFar(api: Record<ServiceName, ServiceClient>): Promise<Record<string, number>> {
  const counts = await Promise.all(
    Object.values(api).map(async (client) => {
      const health = await client.call('GET', '/health', null);
      const inbox = (health.body?.details ?? health.body?.info)?.inbox as Record<string, unknown> | undefined;
      const count = inbox?.['dead-lettered'];
      if (typeof count !== 'number') {
        throw new Error(
          `${client.service} /health (${health.status}) shows no inbox counts: ${health.text.slice(0, 300)}`,
        );
      }
      return [client.service, count] as const;
    }),
  );
  return Object.fromEntries(counts);
}

/** Each service's dead letters between two readings. */
export const deadLettersBetween = (before: Record<string, number>, after: Record<string, number>): DeadLetterCount[] =>
  Object.entries(after).map(([service, count]) => ({ service, count: count - (before[service] ?? 0) }));
