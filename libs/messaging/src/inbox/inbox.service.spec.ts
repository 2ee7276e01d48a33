import type { KafkaContext } from '@nestjs/microservices';
import type { Consumer } from 'kafkajs';
import type { DataSource } from 'typeorm';
import type { HealthRegistry } from '@sanshe/nest-platform';
import type { KafkaConnection } from '../kafka.module';
import type { MessagingOptions } from '../messaging-options';
import { type InboxHandoff, MessageDeferredError } from './inbox-handoff';
import { InboxService } from './inbox.service';
import type { IncomingMessage, Outcome } from './incoming-message';

/** InboxService's per-partition queue with the processor stubbed out: what is applied together, and committed. */
function setup(batchMaxSize = 100) {
  const commits: { topic: string; partition: number; offset: string }[][] = [];
  const consumer = {
    commitOffsets: async (offsets: { topic: string; partition: number; offset: string }[]) =>
      void commits.push(offsets),
    pause: jest.fn(),
    resume: jest.fn(),
    on: jest.fn(),
    events: { GROUP_JOIN: 'consumer.group_join' },
  } as unknown as Consumer;
  const options: MessagingOptions = {
    schema: 's',
    source: 'sanshe/test',
    consumer: { consumer: 'c', commitIntervalMs: 60_000, commitMaxPending: 100_000, batchMaxSize },
  };
  const kafka = {
    options: { clientId: 'c', brokers: [] },
    createProducer: () => ({ connect: async () => undefined, disconnect: async () => undefined }),
  } as unknown as KafkaConnection;
  const inbox = new InboxService(options, {} as DataSource, kafka, {
    register: () => undefined,
  } as unknown as HealthRegistry);
  const batches: string[][] = [];
  let failNext = false;
  let release: () => void = () => undefined;
  let gate: Promise<void> | undefined;
  jest.spyOn(inbox.processor, 'processBatch').mockImplementation(async (items: { message: IncomingMessage }[]) => {
    batches.push(items.map((i) => `${i.message.partition}@${i.message.offset}`));
    await gate;
    if (failNext) {
      failNext = false;
      throw new Error('unexpected');
    }
    return items.map((): Outcome => 'processed');
  });
  const consume = (offset: number, partition = 0, inboxHandoff?: InboxHandoff) =>
    inbox.consume(
      {
        getMessage: () => ({ offset: String(offset), key: 'k', value: '{}', inboxHandoff }),
        getConsumer: () => consumer,
        getTopic: () => 't',
        getPartition: () => partition,
      } as unknown as KafkaContext,
      {},
    );
  return {
    inbox,
    consumer,
    consume,
    batches,
    commits,
    failOnce: () => (failNext = true),
    hold: () => {
      gate = new Promise<void>((resolve) => (release = resolve));
    },
    release: () => {
      gate = undefined;
      release();
    },
  };
}

describe('InboxService queues (processor stubbed)', () => {
  it('applies what arrives while a batch runs as the next batch, per partition, in order, up to batchMaxSize', async () => {
    const t = setup(3);
    t.hold();
    const first = t.consume(0);
    for (let tick = 0; tick < 2; tick++) await new Promise((resolve) => setImmediate(resolve)); // [0] starts, waits
    const rest = [1, 2, 3, 4].map((offset) => t.consume(offset));
    const other = t.consume(7, 1);
    await new Promise((resolve) => setImmediate(resolve)); // all of them queued
    t.release();
    await expect(Promise.all([first, ...rest, other])).resolves.toEqual(Array(6).fill('processed'));
    expect(t.batches.filter((b) => b[0]?.startsWith('0@'))).toEqual([['0@0'], ['0@1', '0@2', '0@3'], ['0@4']]);
    expect(t.batches).toContainEqual(['1@7']);
    await t.inbox.beforeApplicationShutdown();
    expect(t.commits).toEqual([
      [
        { topic: 't', partition: 0, offset: '5' },
        { topic: 't', partition: 1, offset: '8' },
      ],
    ]);
  });

  it('after an unexpected failure, commits nothing past it and refuses later messages until it is redelivered', async () => {
    const t = setup();
    t.failOnce();
    const failed = [t.consume(10), t.consume(11)];
    await expect(failed[0]).rejects.toThrow('unexpected');
    await expect(failed[1]).rejects.toThrow('unexpected');
    await expect(t.consume(12)).rejects.toThrow(/refused, an earlier message failed/);
    // kafkajs delivers from the failed message again: accepted.
    await expect(Promise.all([t.consume(10), t.consume(11), t.consume(12)])).resolves.toEqual([
      'processed',
      'processed',
      'processed',
    ]);
    await t.inbox.beforeApplicationShutdown();
    expect(t.commits).toEqual([[{ topic: 't', partition: 0, offset: '13' }]]);
  });

  it('holds a partition at a message left for a retry: pauses it alone, defers what follows, resumes it, accepts the redelivery', async () => {
    const t = setup();
    jest
      .mocked(t.inbox.processor.processBatch)
      .mockImplementationOnce(async (items) => items.map((_, i) => (i === 0 ? 'processed' : 'retry-later')));
    const handoffs = [0, 1, 2, 3].map(() => ({ queued: jest.fn(), deferred: jest.fn() }));
    const delivered = [20, 21, 22].map((offset, i) => t.consume(offset, 0, handoffs[i]));
    await expect(delivered[0]).resolves.toBe('processed');
    await expect(delivered[1]).rejects.toBeInstanceOf(MessageDeferredError);
    await expect(delivered[2]).rejects.toBeInstanceOf(MessageDeferredError);
    await expect(t.consume(23, 0, handoffs[3])).rejects.toBeInstanceOf(MessageDeferredError);
    expect(handoffs.map((h) => h.deferred.mock.calls.length)).toEqual([0, 1, 1, 1]);
    const partition0 = [{ topic: 't', partitions: [0] }];
    expect(t.consumer.pause).toHaveBeenCalledWith(partition0);
    await new Promise((resolve) => setTimeout(resolve, 10)); // the backoff (no stall recorded by the stub: 0 ms)
    expect(t.consumer.resume).toHaveBeenCalledWith(partition0);
    // kafkajs delivers from the held message again: accepted, in order.
    await expect(Promise.all([t.consume(21), t.consume(22), t.consume(23)])).resolves.toEqual(
      Array(3).fill('processed'),
    );
    await t.inbox.beforeApplicationShutdown();
    expect(t.commits).toEqual([[{ topic: 't', partition: 0, offset: '24' }]]);
  });

  it('forgets a held partition that a rebalance gave away: what it is delivered later is applied', async () => {
    const t = setup();
    jest
      .mocked(t.inbox.processor.processBatch)
      .mockImplementationOnce(async (items) => items.map(() => 'retry-later' as const));
    await expect(t.consume(40)).rejects.toBeInstanceOf(MessageDeferredError);
    await expect(t.consume(41)).rejects.toBeInstanceOf(MessageDeferredError);
    const [event, onJoin] = jest.mocked(t.consumer.on).mock.calls[0] as unknown as [string, (e: unknown) => void];
    expect(event).toBe('consumer.group_join');
    onJoin({ payload: { memberAssignment: { t: [1, 2] } } }); // partition 0 went elsewhere, which committed past 40
    onJoin({ payload: { memberAssignment: { t: [0, 1, 2] } } }); // and came back
    await expect(t.consume(50)).resolves.toBe('processed');
  });

  it('on shutdown, finishes the running batch, defers the queued and later messages, and commits only the finished', async () => {
    const t = setup(2);
    t.hold();
    const running = [t.consume(0), t.consume(1)]; // a full batch starts at once
    const queued = t.consume(2);
    await new Promise((resolve) => setImmediate(resolve));
    const shutdown = t.inbox.beforeApplicationShutdown();
    await expect(queued).rejects.toBeInstanceOf(MessageDeferredError);
    await expect(t.consume(3)).rejects.toBeInstanceOf(MessageDeferredError);
    t.release();
    await expect(Promise.all(running)).resolves.toEqual(['processed', 'processed']);
    await shutdown;
    expect(t.batches).toEqual([['0@0', '0@1']]);
    expect(t.commits).toEqual([[{ topic: 't', partition: 0, offset: '2' }]]);
  });

  it("answers on each message's handoff: queued once queued, deferred when shutdown leaves it unapplied", async () => {
    const t = setup(2);
    const handoffs = [0, 1, 2, 3].map(() => ({ queued: jest.fn(), deferred: jest.fn() }));
    t.hold();
    const running = [t.consume(0, 0, handoffs[0]), t.consume(1, 0, handoffs[1])]; // a full batch starts at once
    const queued = t.consume(2, 0, handoffs[2]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(handoffs.map((h) => h.queued.mock.calls.length)).toEqual([1, 1, 1, 0]);
    const shutdown = t.inbox.beforeApplicationShutdown();
    await expect(queued).rejects.toBeInstanceOf(MessageDeferredError);
    await expect(t.consume(3, 0, handoffs[3])).rejects.toBeInstanceOf(MessageDeferredError);
    t.release();
    await expect(Promise.all(running)).resolves.toEqual(['processed', 'processed']);
    await shutdown;
    expect(handoffs.map((h) => h.queued.mock.calls.length)).toEqual([1, 1, 1, 0]);
    expect(handoffs.map((h) => h.deferred.mock.calls.length)).toEqual([0, 0, 1, 1]);
  });
});
