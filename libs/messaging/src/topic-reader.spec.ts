import { EventEmitter } from 'node:events';
import { type Kafka, KafkaJSConnectionError, KafkaJSProtocolError } from 'kafkajs';
import { highWaterMarks, readToHighWaterMarks } from './topic-reader';

const TOPIC = 'sanshe.test.topic-reader';

/** What kafkajs's admin.listTopics() throws when its metadata request got no answer (the chaos oracle's flake). */
const nullMetadata = () =>
  new TypeError("Cannot destructure property 'topicMetadata' of '(intermediate value)' as it is null.");
const noLeader = () =>
  new KafkaJSProtocolError(
    Object.assign(
      new Error('There is no leader for this topic-partition as we are in the middle of a leadership election'),
      {
        type: 'LEADER_NOT_AVAILABLE',
        code: 5,
        retriable: true,
      },
    ),
  );

/** Answers from a script: each call takes the next step; an Error step is thrown. */
function scripted<T>(steps: (T | Error)[]): jest.Mock<Promise<T>> {
  let call = 0;
  return jest.fn(async () => {
    const step = steps[Math.min(call++, steps.length - 1)];
    if (step instanceof Error) throw step;
    return step;
  });
}

function fakeAdmin(listTopics: jest.Mock, fetchTopicOffsets: jest.Mock) {
  return {
    connect: jest.fn(async () => undefined),
    disconnect: jest.fn(async () => undefined),
    listTopics,
    fetchTopicOffsets,
  };
}

const offsets = [
  { partition: 0, offset: '2', high: '2', low: '0' },
  { partition: 1, offset: '1', high: '1', low: '0' },
];

describe('highWaterMarks', () => {
  it('asks again when listTopics throws for a metadata request nobody answered, and when a partition has no leader', async () => {
    const listTopics = scripted<string[]>([nullMetadata(), [TOPIC]]);
    const fetchTopicOffsets = scripted([noLeader(), offsets]);
    const admin = fakeAdmin(listTopics, fetchTopicOffsets);
    const kafka = { admin: () => admin } as unknown as Kafka;

    await expect(highWaterMarks(kafka, TOPIC, 10_000)).resolves.toEqual(
      new Map([
        [0, 2],
        [1, 1],
      ]),
    );
    expect(listTopics).toHaveBeenCalledTimes(3);
    expect(fetchTopicOffsets).toHaveBeenCalledTimes(2);
    expect(admin.disconnect).toHaveBeenCalledTimes(admin.connect.mock.calls.length);
  });

  it('is empty for a topic that does not exist, without asking for offsets', async () => {
    const fetchTopicOffsets = scripted([offsets]);
    const kafka = { admin: () => fakeAdmin(scripted([['other']]), fetchTopicOffsets) } as unknown as Kafka;

    await expect(highWaterMarks(kafka, TOPIC)).resolves.toEqual(new Map());
    expect(fetchTopicOffsets).not.toHaveBeenCalled();
  });

  it('gives up at its deadline, naming the topic and the last failure', async () => {
    const listTopics = scripted<string[]>([nullMetadata()]);
    const kafka = { admin: () => fakeAdmin(listTopics, scripted([offsets])) } as unknown as Kafka;

    await expect(highWaterMarks(kafka, TOPIC, 500)).rejects.toThrow(
      new RegExp(
        `^${TOPIC}: high-water marks: gave up after 500 ms \\(\\d+ tries\\): Cannot destructure property 'topicMetadata'`,
      ),
    );
    expect(listTopics.mock.calls.length).toBeGreaterThan(1);
  });
});

interface FakeMessage {
  partition: number;
  offset: number;
}

/** A consumer that delivers `messages` once running, or fails as told: at connect, or by crashing without restart. */
function fakeConsumer(messages: FakeMessage[], failure?: 'connect' | 'crash') {
  const emitter = new EventEmitter();
  return {
    events: { CRASH: 'consumer.crash' },
    on: (event: string, listener: (e: unknown) => void) => emitter.on(event, listener),
    connect: jest.fn(async () => {
      if (failure === 'connect') throw new KafkaJSConnectionError('Connection error: ECONNREFUSED');
    }),
    subscribe: jest.fn(async () => undefined),
    disconnect: jest.fn(async () => undefined),
    run: jest.fn(async ({ eachMessage }: { eachMessage: (payload: unknown) => Promise<void> }) => {
      if (failure === 'crash') {
        setImmediate(() =>
          emitter.emit('consumer.crash', { payload: { error: new Error('crashed for good'), restart: false } }),
        );
        return;
      }
      for (const { partition, offset } of messages) {
        const message = {
          offset: String(offset),
          key: Buffer.from('k'),
          value: Buffer.from(`v${partition}.${offset}`),
          headers: {},
        };
        await eachMessage({ topic: TOPIC, partition, message });
      }
    }),
  };
}

describe('readToHighWaterMarks', () => {
  const onTopic = [
    { partition: 0, offset: 0 },
    { partition: 0, offset: 1 },
    { partition: 1, offset: 0 },
  ];
  const admin = () => fakeAdmin(scripted([[TOPIC]]), scripted([offsets]));

  it('reads again with a new consumer when one fails to connect or crashes for good', async () => {
    const consumers = [fakeConsumer([], 'connect'), fakeConsumer([], 'crash'), fakeConsumer(onTopic)];
    const groups: string[] = [];
    const kafka = {
      admin,
      consumer: ({ groupId }: { groupId: string }) => {
        groups.push(groupId);
        return consumers[groups.length - 1];
      },
    } as unknown as Kafka;

    const records = await readToHighWaterMarks(kafka, TOPIC, new Map([[0, 1]]), { timeoutMs: 10_000 });

    expect(records.map((r) => [r.partition, r.offset, r.value])).toEqual([
      [0, 1, 'v0.1'],
      [1, 0, 'v1.0'],
    ]);
    expect(new Set(groups).size).toBe(3);
    for (const consumer of consumers) expect(consumer.disconnect).toHaveBeenCalled();
  });

  it('fails at its deadline when the records never come', async () => {
    const kafka = { admin, consumer: () => fakeConsumer([]) } as unknown as Kafka;

    await expect(readToHighWaterMarks(kafka, TOPIC, new Map(), { timeoutMs: 300 })).rejects.toThrow(
      `${TOPIC}: read to its high-water marks: gave up after 300 ms (1 tries): not read to its high-water marks in time`,
    );
  });
});
