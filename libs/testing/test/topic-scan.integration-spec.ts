import { readTopicsToHighWaterMarks, testKafka, topicEnds, uniqueName } from '../src';

describe('topicEnds and readTopicsToHighWaterMarks (the real broker)', () => {
  const kafka = testKafka('topic-scan-test');
  // Not `sanshe.`: the end-to-end suites scan every sanshe.* topic.
  const prefix = `${uniqueName('topic-scan')}.`;
  const [old, created] = [`${prefix}old`, `${prefix}created`];
  const send = async (topic: string, values: string[]) => {
    const producer = kafka.producer({ idempotent: true });
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: values.map((value, i) => ({ key: `k${i}`, value })) });
    await producer.disconnect();
  };

  /** Made before it is written, with its leaders elected: a topic auto-created by the write was listed before its
   * partitions were known, and topicEnds' offsets request failed (UNKNOWN_TOPIC_OR_PARTITION, CI); a secured
   * broker creates none. */
  const createTopic = async (topic: string) => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
    await admin.disconnect();
  };

  it('reads what every matching topic got after the start marks, a new topic from its beginning, up to the end marks', async () => {
    await createTopic(old);
    await send(old, ['before-1', 'before-2', 'before-3']);

    const starts = await topicEnds(kafka, prefix);
    expect([...starts.keys()]).toEqual([old]);
    await send(old, ['after-1', 'after-2', 'after-3', 'after-4']);
    await createTopic(created); // after the start marks
    await send(created, ['new-1']);
    const ends = await topicEnds(kafka, prefix);
    await send(old, ['past-the-end']);

    const records = await readTopicsToHighWaterMarks(kafka, starts, ends, 30_000);
    expect(records.map(({ topic, value }) => `${topic.slice(prefix.length)} ${value}`).sort()).toEqual([
      'created new-1',
      'old after-1',
      'old after-2',
      'old after-3',
      'old after-4',
    ]);
    expect(await readTopicsToHighWaterMarks(kafka, ends, ends)).toEqual([]);
  });
});
