import type { DataSource, EntityManager } from 'typeorm';
import { sleep } from '@sanshe/common';
import { createReliableProducer, OutboxRelay } from '../src';
import { barrier } from './fixtures/overlapping-writers';
import { kafka, messagingFixture, proposalEvent, readTopic } from './harness';

const KEYS = 12;
const WRITERS = 4;
const ROUNDS = 25;
/** Writers w and w + 2 write the same half of the keys in a round; w and w + 1 the other halves. */
const keysOf = (writer: number, round: number) =>
  Array.from({ length: KEYS }, (_, k) => k).filter((k) => (k + writer + round) % 2 === 0);
const TOTAL = WRITERS * ROUNDS * (KEYS / 2);

describe('two relays publishing one outbox at once (real PostgreSQL and Kafka)', () => {
  let fx: Awaited<ReturnType<typeof messagingFixture>>;
  const extraDataSources: DataSource[] = [];

  beforeAll(async () => {
    fx = await messagingFixture('relays');
    // The oracle, kept apart from the outbox: each key's commits numbered 1, 2, 3 … in commit order.
    await fx.dataSource.query(`CREATE TABLE "${fx.schema}".key_commits (subject text PRIMARY KEY, n int NOT NULL)`);
    await fx.dataSource.query(
      `CREATE TABLE "${fx.schema}".commit_order (event_id text PRIMARY KEY, subject text NOT NULL, n int NOT NULL)`,
    );
  });
  afterAll(async () => {
    await Promise.all(extraDataSources.map((ds) => ds.destroy()));
    await fx?.cleanup();
  });

  /**
   * Numbers the event among its key's commits. The counter's row stays locked until this transaction
   * ends, so a later transaction of the key reads the number after this one's, whatever the positions.
   */
  const recordCommitOrder = async (manager: EntityManager, eventId: string, subject: string) => {
    const [{ n }] = (await manager.query(
      `INSERT INTO "${fx.schema}".key_commits (subject, n) VALUES ($1, 1)
       ON CONFLICT (subject) DO UPDATE SET n = key_commits.n + 1 RETURNING n`,
      [subject],
    )) as { n: number }[];
    await manager.query(`INSERT INTO "${fx.schema}".commit_order (event_id, subject, n) VALUES ($1, $2, $3)`, [
      eventId,
      subject,
      n,
    ]);
  };

  /** All writers' transactions of a round are open at once before any writes, so they really overlap. */
  const write = async (writer: number, roundStarted: (() => Promise<void>)[]) => {
    for (const [round, started] of roundStarted.entries()) {
      await fx.dataSource.transaction(async (manager) => {
        await started();
        const events = [];
        for (const k of keysOf(writer, round)) {
          events.push(await fx.writer.publish(manager, proposalEvent(`agg-${k}`, writer * 1000 + round)));
        }
        // Commit in an order unrelated to the positions drawn: whoever inserted first may commit last.
        await sleep(Math.random() * 4);
        for (const event of events) await recordCommitOrder(manager, event.id, event.subject);
      });
    }
  };

  it('publishes every event once, without reordering any key, while both share the work', async () => {
    const relays = await Promise.all(
      [1, 2].map(async () => {
        const dataSource = await fx.newDataSource();
        extraDataSources.push(dataSource);
        const producer = createReliableProducer(kafka);
        await producer.connect();
        return {
          producer,
          relay: new OutboxRelay(dataSource, producer, { schema: fx.schema, batchSize: 50, idleDelayMs: 5 }),
        };
      }),
    );
    relays.forEach(({ relay }) => relay.start());

    // Writers keep adding while the relays run, several at once on the same keys.
    const roundStarted = Array.from({ length: ROUNDS }, () => barrier(WRITERS));
    await Promise.all(Array.from({ length: WRITERS }, (_, writer) => write(writer, roundStarted)));

    const messages = await readTopic(fx.topic, TOTAL, 60_000);
    await Promise.all(relays.map(({ relay }) => relay.stop()));
    await Promise.all(relays.map(({ producer }) => producer.disconnect()));

    const events = messages.map((m) => JSON.parse(String(m.value)) as { id: string; subject: string });
    expect(new Set(events.map((e) => e.id)).size).toBe(TOTAL); // nothing lost
    const commitOrder = new Map(
      (
        (await fx.dataSource.query(`SELECT event_id, n FROM "${fx.schema}".commit_order`)) as {
          event_id: string;
          n: number;
        }[]
      ).map((row) => [row.event_id, row.n]),
    );
    for (let k = 0; k < KEYS; k++) {
      const relayed = events.filter((e) => e.subject === `agg-${k}`).map((e) => commitOrder.get(e.id));
      expect(relayed).toEqual(Array.from({ length: (WRITERS * ROUNDS) / 2 }, (_, i) => i + 1)); // once, in commit order
    }
    expect(relays.map(({ relay }) => relay.published).every((n) => n > 0)).toBe(true);
    expect(relays.reduce((sum, { relay }) => sum + relay.published, 0)).toBe(TOTAL);
    expect(await fx.unsent()).toBe(0);
  });
});
