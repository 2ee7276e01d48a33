import type { INestApplication } from '@nestjs/common';
import { createEvent } from '@sanshe/contracts';
import { eventually, uniqueName } from '@sanshe/testing';
import {
  CreateOutboxAndInbox1764201600000,
  createReliableProducer,
  type Delivery,
  InboxProcessor,
  type InboxService,
  type BatchOutcome,
} from '../src';
import {
  incomingProposal,
  kafka,
  messagingFixture,
  proposalEvent,
  noDeadLetters,
  recordIn,
  startConsumerApp,
} from './harness';

type Fixture = Awaited<ReturnType<typeof messagingFixture>>;

describe('the inbox deduplicates by (source, id), the CloudEvents identity (real PostgreSQL)', () => {
  let fx: Fixture;

  beforeAll(async () => {
    fx = await messagingFixture('identity');
  });
  afterAll(async () => {
    await fx?.cleanup();
  });

  const processor = () =>
    new InboxProcessor(fx.dataSource, noDeadLetters, {
      consumer: uniqueName('c'),
      schema: fx.schema,
      deadLetterAfterMs: 0,
    });
  /** An event of portal `portal` (also its subject, to tell the effects apart); portals number their events alike. */
  const from = (portal: string, id: string) => ({
    message: incomingProposal(portal, 1, { source: `portal/${portal}`, id }),
    handlers: recordIn(fx),
  });
  const applied = async (portals: string[]) =>
    (await fx.effects()).filter((e) => portals.includes(e.subject)).map((e) => `${e.subject}:${e.event_id}`);

  it('applies two events with the same id from two sources, alone and in a batch', async () => {
    const inbox = processor();
    expect(await inbox.process(from('a1', '1').message, recordIn(fx))).toBe('processed');
    expect(await inbox.process(from('b1', '1').message, recordIn(fx))).toBe('processed');
    expect(await inbox.processBatch([from('a1', '2'), from('b1', '2')])).toEqual(['processed', 'processed']);
    expect(await applied(['a1', 'b1'])).toEqual(['a1:1', 'b1:1', 'a1:2', 'b1:2']);
  });

  it('applies the same (source, id) delivered twice once, alone and in a batch', async () => {
    const inbox = processor();
    const alone = [from('a2', '1'), from('b2', '1'), from('a2', '1'), from('b2', '1')];
    const outcomes: BatchOutcome[] = [];
    for (const { message, handlers } of alone) outcomes.push(await inbox.process(message, handlers));
    expect(outcomes).toEqual(['processed', 'processed', 'duplicate', 'duplicate']);

    const batch = [from('a2', '2'), from('b2', '2'), from('a2', '2'), from('b2', '2'), from('a2', '1')];
    expect(await inbox.processBatch(batch)).toEqual(['processed', 'processed', 'duplicate', 'duplicate', 'duplicate']);
    expect(await applied(['a2', 'b2'])).toEqual(['a2:1', 'b2:1', 'a2:2', 'b2:2']);
  });

  it('still absorbs the redelivery of an event recorded before the inbox knew sources (a legacy row, source "")', async () => {
    const legacy = await messagingFixture('legacy-inbox', [CreateOutboxAndInbox1764201600000]);
    try {
      const type = 'sanshe.organization.proposal.submitted.v1';
      await legacy.dataSource.query(
        `INSERT INTO "${legacy.schema}".inbox (consumer, event_id, event_type) VALUES ('c', 'old-1', $1), ('c', 'old-2', $1)`,
        [type],
      );
      await legacy.upgrade();
      expect(await legacy.dataSource.query(`SELECT event_source, event_id FROM "${legacy.schema}".inbox`)).toEqual([
        { event_source: '', event_id: 'old-1' },
        { event_source: '', event_id: 'old-2' },
      ]);

      const inbox = new InboxProcessor(legacy.dataSource, noDeadLetters, { consumer: 'c', schema: legacy.schema });
      const redelivered = (id: string) => ({ message: incomingProposal('old', 1, { id }), handlers: recordIn(legacy) });
      expect(await inbox.process(redelivered('old-1').message, recordIn(legacy))).toBe('duplicate');
      expect(await inbox.processBatch([redelivered('old-2'), redelivered('new-3')])).toEqual([
        'duplicate',
        'processed',
      ]);
      expect((await legacy.effects()).map((e) => e.event_id)).toEqual(['new-3']);
    } finally {
      await legacy.cleanup();
    }
  });
});

describe('handlers learn where a message came from (real Kafka, Nest consumer)', () => {
  let fx: Fixture;
  let consumer: { app: INestApplication; inbox: InboxService } | undefined;

  beforeAll(async () => {
    fx = await messagingFixture('delivery');
  });
  afterAll(async () => {
    await consumer?.app.close();
    await fx?.cleanup();
  });

  it("passes the handler the topic, partition, offset and the record's timestamp (the broker's, with LogAppendTime)", async () => {
    const topic = uniqueName('delivery-log-append');
    const admin = kafka.admin();
    await admin.connect();
    await admin
      .createTopics({
        topics: [
          { topic, numPartitions: 3, configEntries: [{ name: 'message.timestamp.type', value: 'LogAppendTime' }] },
        ],
        waitForLeaders: true,
      })
      .finally(() => admin.disconnect());

    // Each record claims a 1970 timestamp; the broker replaces it with its append time, which the send reports.
    const producer = createReliableProducer(kafka);
    await producer.connect();
    const expected = new Map<string, Delivery>();
    try {
      for (let k = 0; k < 4; k++) {
        const event = createEvent({ ...proposalEvent(`key-${k}`, 1), source: 'portal/delivery-test' });
        const [sent] = await producer.send({
          topic,
          messages: [{ key: event.subject, value: JSON.stringify(event), timestamp: '1000' }],
        });
        if (!sent?.baseOffset || !sent.logAppendTime) throw new Error(`no offset or append time: ${String(sent)}`);
        expected.set(event.id, {
          topic,
          partition: sent.partition,
          offset: sent.baseOffset,
          timestamp: sent.logAppendTime,
          brokerTime: Number(sent.logAppendTime),
        });
      }
    } finally {
      await producer.disconnect();
    }

    const seen = new Map<string, Delivery>();
    consumer = await startConsumerApp({
      schema: fx.schema,
      topic,
      beforeEffect: (event, delivery) => void seen.set(event.id, delivery),
    });
    await eventually(() => expect(seen.size).toBe(expected.size), { timeoutMs: 30_000 });
    expect(Object.fromEntries(seen)).toEqual(Object.fromEntries(expected));
    for (const { timestamp } of seen.values()) expect(Number(timestamp)).toBeGreaterThan(1000);
  });
});
