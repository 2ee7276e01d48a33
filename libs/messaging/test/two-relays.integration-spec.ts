import type { DataSource } from 'typeorm';
import { createReliableProducer, OutboxRelay } from '../src';
import { kafka, messagingFixture, proposalEvent, readTopic } from './harness';

const KEYS = 20;
const PER_KEY = 60;

describe('two relays publishing one outbox at once (real PostgreSQL and Kafka)', () => {
  let fx: Awaited<ReturnType<typeof messagingFixture>>;
  const extraDataSources: DataSource[] = [];

  beforeAll(async () => {
    fx = await messagingFixture('relays');
  });
  afterAll(async () => {
    await Promise.all(extraDataSources.map((ds) => ds.destroy()));
    await fx?.cleanup();
  });

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

    // Writers keep adding while the relays run: each transaction adds the next event of every key.
    for (let seq = 1; seq <= PER_KEY; seq++) {
      await fx.dataSource.transaction(async (manager) => {
        for (let k = 0; k < KEYS; k++) await fx.writer.publish(manager, proposalEvent(`agg-${k}`, seq));
      });
    }

    const messages = await readTopic(fx.topic, KEYS * PER_KEY, 60_000);
    await Promise.all(relays.map(({ relay }) => relay.stop()));
    await Promise.all(relays.map(({ producer }) => producer.disconnect()));

    const events = messages.map(
      (m) => JSON.parse(String(m.value)) as { id: string; subject: string; data: { title: string } },
    );
    expect(new Set(events.map((e) => e.id)).size).toBe(KEYS * PER_KEY); // nothing lost
    for (let k = 0; k < KEYS; k++) {
      const seqs = events.filter((e) => e.subject === `agg-${k}`).map((e) => Number(e.data.title.slice(1)));
      expect(seqs).toEqual(Array.from({ length: PER_KEY }, (_, i) => i + 1)); // exactly once, in order
    }
    expect(relays.map(({ relay }) => relay.published).every((n) => n > 0)).toBe(true);
    expect(relays.reduce((sum, { relay }) => sum + relay.published, 0)).toBe(KEYS * PER_KEY);
    expect(await fx.unsent()).toBe(0);
  });
});
