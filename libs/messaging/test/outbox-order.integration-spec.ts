import type { Producer } from 'kafkajs';
import { eventually } from '@sanshe/testing';
import { createReliableProducer, OutboxRelay } from '../src';
import { gate, isWaitingForLock, openTransaction } from './fixtures/overlapping-writers';
import { kafka, messagingFixture, proposalEvent, readTopic } from './harness';

describe('one key written by two overlapping transactions (real PostgreSQL and Kafka)', () => {
  let fx: Awaited<ReturnType<typeof messagingFixture>>;
  let producer: Producer;
  beforeAll(async () => {
    fx = await messagingFixture('outbox_order');
    producer = createReliableProducer(kafka);
    await producer.connect();
  });
  afterAll(async () => {
    await producer?.disconnect();
    await fx?.cleanup();
  });

  it('relays them in the order they committed, although the first to insert commits last', async () => {
    // The relay's first round (a pilot event) is held after Kafka's ack, so it cannot look between the
    // two commits below: its next round sees both rows at once, as a busy relay would.
    const relayInRound = gate();
    const releaseRelay = gate();
    const relay = new OutboxRelay(fx.dataSource, producer, {
      schema: fx.schema,
      lanesPerClaim: 16,
      idleDelayMs: 5,
      afterPublish: async () => {
        relayInRound.open();
        await releaseRelay.opened;
      },
    });
    relay.start();
    await fx.dataSource.transaction((manager) => fx.writer.publish(manager, proposalEvent('pilot', 0)));
    await relayInRound.opened;

    // A writes the key first and stays open; B writes it next and commits, unless it has to wait for A.
    const first = await openTransaction(fx.dataSource);
    await fx.writer.publish(first.manager, proposalEvent('key', 1));
    const second = await openTransaction(fx.dataSource);
    let secondCommitted = false;
    const secondDone = fx.writer
      .publish(second.manager, proposalEvent('key', 2))
      .then(() => second.commit())
      .then(() => (secondCommitted = true));
    await eventually(async () =>
      expect(secondCommitted || (await isWaitingForLock(fx.dataSource, second.pid))).toBe(true),
    );
    const commitOrder = secondCommitted ? [2, 1] : [1, 2]; // B waiting for a lock commits after A
    await first.commit();
    await secondDone;

    releaseRelay.open();
    await eventually(async () => expect(await fx.unsent()).toBe(0), { timeoutMs: 30_000 });
    await relay.stop();
    const relayed = (await readTopic(fx.topic, 3))
      .map((m) => JSON.parse(String(m.value)) as { subject: string; data: { title: string } })
      .filter((event) => event.subject === 'key')
      .map((event) => Number(event.data.title.slice(1)));
    expect(relayed).toEqual(commitOrder);
  });
});
