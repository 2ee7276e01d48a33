import type { Kafka } from 'kafkajs';
import { contextTopic, type SansheEvent } from '@sanshe/contracts';
import { readToHighWaterMarks } from '@sanshe/messaging';
import { testTopic } from '@sanshe/testing';

/** Every event on sanshe.governance.events (the tests' prefix before it) whose subject is `decisionId`, read to the high-water marks. */
export async function governanceEventsAbout(kafka: Kafka, decisionId: string): Promise<SansheEvent[]> {
  const records = await readToHighWaterMarks(kafka, testTopic(contextTopic('governance')), new Map(), {
    timeoutMs: 30_000,
  });
  return records.filter((r) => r.key === decisionId).map((r) => JSON.parse(r.value) as SansheEvent);
}
