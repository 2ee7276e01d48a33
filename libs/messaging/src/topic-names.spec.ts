import type { Producer } from 'kafkajs';
import { DeadLetterPublisher } from './inbox/dead-letters';
import { InboxKafkaServer } from './inbox/inbox-kafka-server';
import { sendPerTopic } from './outbox/topic-sends';
import { logicalTopic, topicOnWire } from './topic-names';

describe('topic names on the wire', () => {
  it('puts the prefix before a logical name, and takes it off a name read on the wire', () => {
    expect(topicOnWire('test.', 'sanshe.community.events')).toBe('test.sanshe.community.events');
    expect(topicOnWire(undefined, 'sanshe.community.events')).toBe('sanshe.community.events');
    expect(logicalTopic('test.', 'test.sanshe.community.events')).toBe('sanshe.community.events');
    expect(logicalTopic('', 'sanshe.community.events')).toBe('sanshe.community.events');
  });

  it('the relay sends an outbox row (its logical topic) to the prefixed topic; a refusal names the logical one', async () => {
    const sent: string[] = [];
    const producer = {
      sendBatch: async ({ topicMessages }: { topicMessages: { topic: string }[] }) => {
        sent.push(...topicMessages.map((m) => m.topic));
        if (topicMessages[0]?.topic === 'test.sanshe.portal.p.replies')
          throw Object.assign(new Error('refused'), { type: 'TOPIC_AUTHORIZATION_FAILED' });
      },
    } as unknown as Producer;
    const row = (topic: string, position: string) => ({ position, topic, partition_key: 'k', payload: '{}' });
    const sends = await sendPerTopic(
      producer,
      [row('sanshe.community.events', '1'), row('sanshe.portal.p.replies', '2')],
      'test.',
    );
    expect(sent.sort()).toEqual(['test.sanshe.community.events', 'test.sanshe.portal.p.replies']);
    expect(sends.find((s) => s.refusal)?.topic).toBe('sanshe.portal.p.replies');
  });

  it('dead letters go to the prefixed dead-letter topic', () => {
    expect(new DeadLetterPublisher({} as Producer, 'sanshe-community', undefined, 'test.').topic()).toBe(
      'test.sanshe.dlq.sanshe-community',
    );
  });

  it("the consumer finds a prefixed topic's handler by its logical name", () => {
    const server = new InboxKafkaServer({ client: { brokers: ['127.0.0.1:1'] } }, 1, 'test.');
    const handler = Object.assign(async () => undefined, { isEventHandler: true });
    server.addHandler('sanshe.community.events', handler, true);
    expect(server.getHandlerByPattern('test.sanshe.community.events')).toBe(handler);
    expect(server.getHandlerByPattern('sanshe.community.events')).toBe(handler); // never subscribed to, though
    expect(server.getHandlerByPattern('test.sanshe.talent.events')).toBeNull();
  });
});
