import { type Kafka, type KafkaMessage } from 'kafkajs';
import { contextTopic, type SansheEvent } from '@sanshe/contracts';
import { uniqueName } from '@sanshe/testing';

/** Every event on sanshe.governance.events whose subject is `decisionId` (read from the beginning). */
export async function governanceEventsAbout(kafka: Kafka, decisionId: string): Promise<SansheEvent[]> {
  const topic = contextTopic('governance');
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  const remaining = new Map(ends.filter((p) => p.high !== p.low).map((p) => [p.partition, Number(p.high)]));
  const consumer = kafka.consumer({ groupId: uniqueName('governance-reader') });
  const messages: KafkaMessage[] = [];
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${topic}: not read to its end in 30 s`)), 30_000);
      if (remaining.size === 0) resolve();
      void consumer.run({
        eachMessage: async ({ partition, message }) => {
          if (message.key?.toString() === decisionId) messages.push(message);
          if (Number(message.offset) + 1 >= (remaining.get(partition) ?? 0)) remaining.delete(partition);
          if (remaining.size === 0) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return messages.map((m) => JSON.parse(m.value?.toString() ?? 'null') as SansheEvent);
}
