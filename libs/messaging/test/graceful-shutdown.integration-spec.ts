import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import { eventually } from '@sanshe/testing';
import { kafka, messagingFixture, proposalEvent, startConsumerApp } from './harness';

const KEYS = 10;
/** Nothing is committed before shutdown unless shutdown commits it. */
const NO_COMMIT_BEFORE_SHUTDOWN = { commitIntervalMs: 60_000, commitMaxPending: 100_000 };

/** Per partition: the group's committed offset (0 when none) and the topic's end offset. */
async function offsets(topic: string, groupId: string) {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const ends = await admin.fetchTopicOffsets(topic);
    return ends
      .map(({ partition, high }) => ({
        partition,
        end: Number(high),
        committed: Math.max(0, Number(committed?.partitions.find((p) => p.partition === partition)?.offset ?? -1)),
      }))
      .sort((a, b) => a.partition - b.partition);
  } finally {
    await admin.disconnect();
  }
}

describe('graceful shutdown of the consumer: finish in-flight messages, commit, then disconnect (real PostgreSQL, Kafka, Nest consumer)', () => {
  let fx: Awaited<ReturnType<typeof messagingFixture>>;

  beforeEach(async () => {
    fx = await messagingFixture('shutdown');
  });
  afterEach(async () => {
    await fx?.cleanup();
  });

  async function publish(perKey: number): Promise<void> {
    await fx.dataSource.transaction(async (manager) => {
      for (let seq = 1; seq <= perKey; seq++)
        for (let k = 0; k < KEYS; k++) await fx.writer.publish(manager, proposalEvent(`agg-${k}`, seq));
    });
    await fx.relayAll();
  }

  it('commits the offset of every applied event before the consumer leaves, however long the commit interval', async () => {
    const consumer = await startConsumerApp({
      schema: fx.schema,
      topic: fx.topic,
      consumer: NO_COMMIT_BEFORE_SHUTDOWN,
    });
    try {
      await publish(3);
      await eventually(async () => expect(await fx.effects()).toHaveLength(3 * KEYS), { timeoutMs: 30_000 });
    } finally {
      await consumer.app.close();
    }

    const partitions = await offsets(fx.topic, consumer.groupId);
    expect(partitions.reduce((sum, p) => sum + p.end, 0)).toBe(3 * KEYS);
    // Every message was applied, so every partition is committed up to its end.
    expect(partitions.map((p) => p.committed)).toEqual(partitions.map((p) => p.end));
  });

  /**
   * A consumer whose events take `effectMs` each, closed once a few are applied: what was applied and
   * committed. Batches of 2, so that each partition's 10 events take several transactions.
   */
  async function closeMidStream(effectMs: number, drainTimeoutMs?: number) {
    const consumer = await startConsumerApp({
      schema: fx.schema,
      topic: fx.topic,
      consumer: { ...NO_COMMIT_BEFORE_SHUTDOWN, drainTimeoutMs, batchMaxSize: 2 },
      beforeEffect: () => sleep(effectMs), // inside the inbox transaction: shutdown lands while events are in flight
    });
    let appliedBeforeClose: number;
    try {
      await publish(3);
      await eventually(async () => expect((await fx.effects()).length).toBeGreaterThanOrEqual(4), {
        timeoutMs: 30_000,
      });
      appliedBeforeClose = (await fx.effects()).length;
    } finally {
      await consumer.app.close();
    }
    const applied = (await fx.effects()).length;
    expect(applied).toBeLessThan(3 * KEYS); // shut down before the end of the stream
    await sleep(500);
    expect(await fx.effects()).toHaveLength(applied); // nothing was applied after close() returned
    // Each partition is applied in order from offset 0, so its applied events are a prefix: the committed
    // offsets add up to the applied count exactly when every applied event, and nothing else, is committed.
    const committed = (await offsets(fx.topic, consumer.groupId)).reduce((sum, p) => sum + p.committed, 0);
    return { appliedBeforeClose, applied, committed };
  }

  it('closed mid-stream: the running batches finish, the queued events are left, and exactly the applied ones are committed', async () => {
    const { appliedBeforeClose, applied, committed } = await closeMidStream(250);
    expect(applied).toBeGreaterThan(appliedBeforeClose); // events in flight at close() were finished
    expect(committed).toBe(applied);
  });

  it('in-flight events that outlast the drain timeout: a warning, the rest committed, those left to redelivery', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn');
    try {
      const { appliedBeforeClose, applied, committed } = await closeMidStream(1_500, 200);
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/still in flight after 200 ms/));
      expect(applied).toBeGreaterThan(appliedBeforeClose); // kafkajs still let them finish
      // What was applied before close() is committed; the late ones are not (kafkajs drops commits once it
      // stops), so they are redelivered to the next consumer and absorbed by the inbox.
      expect(committed).toBeGreaterThanOrEqual(appliedBeforeClose);
      expect(committed).toBeLessThan(applied);
    } finally {
      warn.mockRestore();
    }
  });
});
