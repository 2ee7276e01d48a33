import { TypedSearchAttributes } from '@temporalio/common';
import { MetricsRegistry, parseExposition } from '@sanshe/nest-platform';
import { StageKey } from '@sanshe/workflows';
import type { TemporalClientHolder } from '../../decisions/decisions.module';
import { DisbursementMetrics, RUNNING_DISBURSEMENTS_QUERY } from './disbursement-metrics';

const running = (stage?: string) => ({
  typedSearchAttributes: new TypedSearchAttributes(stage ? [{ key: StageKey, value: stage }] : []),
});

describe('DisbursementMetrics', () => {
  it('counts running disbursements by their Stage from one visibility listing per period, grant ids left out', async () => {
    const queries: string[] = [];
    const client = {
      workflow: {
        list: ({ query }: { query: string }) => {
          queries.push(query);
          return (async function* () {
            yield* [running('notice'), running('notice'), running('payment-stuck'), running()];
          })();
        },
      },
    };
    const temporal = {
      bounded: (call: (c: typeof client) => unknown) => call(client),
    } as unknown as TemporalClientHolder;
    const metrics = new MetricsRegistry();
    new DisbursementMetrics(temporal, metrics);
    const scrape = async () =>
      parseExposition(await metrics.metrics())
        .samples.filter((sample) => sample.name === 'sanshe_disbursements_running')
        .map(({ labels, value }) => ({ labels, value }));
    expect(await scrape()).toEqual([
      { labels: { stage: 'notice' }, value: 2 },
      { labels: { stage: 'payment-stuck' }, value: 1 },
      { labels: { stage: 'unknown' }, value: 1 },
    ]);
    await scrape();
    expect(queries).toEqual([RUNNING_DISBURSEMENTS_QUERY]); // the second scrape reused the listing
  });

  it('adds nothing to an app without metrics', () => {
    expect(() => new DisbursementMetrics({} as TemporalClientHolder)).not.toThrow();
  });
});
