import type { Producer } from 'kafkajs';
import { createReliableProducer, OutboxRelay } from '../src';
import { kafka, messagingFixture } from './harness';

const OLD_SENT = 12_001; // more than two batches of the default 5,000

describe('pruning the outbox (real PostgreSQL)', () => {
  let fx: Awaited<ReturnType<typeof messagingFixture>>;
  let producer: Producer;
  beforeAll(async () => {
    fx = await messagingFixture('outbox_prune');
    producer = createReliableProducer(kafka); // never connected: pruning does not use Kafka
  });
  afterAll(() => fx?.cleanup());

  /** `count` outbox rows sent `sentAgo` ago (null: unsent), written directly: only their dates matter here. */
  const addRows = (prefix: string, count: number, sentAgo: string | null) =>
    fx.dataSource.query(
      `INSERT INTO "${fx.schema}".outbox (event_id, event_type, topic, partition_key, lane, payload, sent_at)
       SELECT $1 || g, 't', 't', $1 || g, 0, '{}', now() - $3::interval
       FROM generate_series(1, $2) AS g`,
      [prefix, count, sentAgo],
    );
  const remaining = async () =>
    (
      (await fx.dataSource.query(
        `SELECT split_part(event_id, '-', 1) AS kind, count(*)::int AS c FROM "${fx.schema}".outbox GROUP BY 1 ORDER BY 1`,
      )) as { kind: string; c: number }[]
    ).map((r) => [r.kind, r.c]);

  it('deletes the sent rows past the retention in bounded batches, and nothing else', async () => {
    await addRows('old-', OLD_SENT, '2 days');
    await addRows('recent-', 10, '1 hour');
    await addRows('unsent-', 10, null);
    const relay = new OutboxRelay(fx.dataSource, producer, { schema: fx.schema }); // 24 h retention
    const query = jest.spyOn(fx.dataSource, 'query');

    expect(await relay.prune()).toBe(OLD_SENT);

    const deleted = await Promise.all(
      query.mock.calls.flatMap(([sql], i) =>
        sql.trimStart().startsWith('DELETE') ? [query.mock.results[i]?.value as Promise<[unknown, number]>] : [],
      ),
    );
    expect(deleted.map(([, count]) => count)).toEqual([5_000, 5_000, 2_001]); // one statement per batch
    expect(await remaining()).toEqual([
      ['recent', 10],
      ['unsent', 10],
    ]);
    query.mockRestore();
  });
});
