import type { Producer } from 'kafkajs';
import type { QueryRunner } from 'typeorm';
import { createReliableProducer, OutboxRelay } from '../src';
import { kafka, messagingFixture } from './harness';

const SENT = 20_000;
const UNSENT = 50;

interface PlanNode {
  'Node Type': string;
  Plans?: PlanNode[];
}
const nodeTypes = (node: PlanNode): string[] => [node['Node Type'], ...(node.Plans ?? []).flatMap(nodeTypes)];

describe("the relay's look-up of unsent rows after a burst (real PostgreSQL and Kafka)", () => {
  let fx: Awaited<ReturnType<typeof messagingFixture>>;
  let producer: Producer;
  beforeAll(async () => {
    fx = await messagingFixture('outbox_scan');
    producer = createReliableProducer(kafka);
    await producer.connect();
  });
  afterAll(async () => {
    await producer?.disconnect();
    await fx?.cleanup();
  });

  it('reads them with a plain index scan, not a bitmap scan that visits every sent row each round', async () => {
    const outbox = `"${fx.schema}".outbox`;
    await fx.dataSource.query(`ALTER TABLE ${outbox} SET (autovacuum_enabled = false)`); // keep the dead entries
    await fx.dataSource.query(
      `INSERT INTO ${outbox} (event_id, event_type, topic, partition_key, lane, payload)
       SELECT 'e' || g, 't', $1, 'k' || (g % 100), g % 16, '{}' FROM generate_series(1, $2::int) AS g`,
      [fx.topic, SENT + UNSENT],
    );
    // As after a burst the relay kept up with: the unsent-rows index still holds an entry per sent row.
    await fx.dataSource.query(`UPDATE ${outbox} SET sent_at = now() WHERE position <= $1`, [SENT]);
    await fx.dataSource.query(`ANALYZE ${outbox}`);

    // Explain the relay's own look-up, in its round's transaction, just before it runs.
    const plans: string[][] = [];
    const createQueryRunner = fx.dataSource.createQueryRunner.bind(fx.dataSource);
    const spy = jest.spyOn(fx.dataSource, 'createQueryRunner').mockImplementation(() => {
      const runner: QueryRunner = createQueryRunner();
      const query = runner.query.bind(runner);
      runner.query = (async (sql: string, parameters?: unknown[]) => {
        if (sql.includes('FOR UPDATE SKIP LOCKED')) {
          const [{ 'QUERY PLAN': plan }] = (await query(`EXPLAIN (FORMAT JSON) ${sql}`, parameters)) as {
            'QUERY PLAN': [{ Plan: PlanNode }];
          }[];
          plans.push(nodeTypes(plan[0].Plan));
        }
        return query(sql, parameters);
      }) as QueryRunner['query'];
      return runner;
    });
    try {
      const relay = new OutboxRelay(fx.dataSource, producer, { schema: fx.schema, lanesPerClaim: 16 });
      expect(await relay.publishOnce()).toBe(UNSENT);
    } finally {
      spy.mockRestore();
    }
    expect(plans).toHaveLength(1);
    expect(plans[0]).toContain('Index Scan');
    expect(plans[0]).not.toContain('Bitmap Heap Scan');
    expect(await fx.unsent()).toBe(0);
  });
});
