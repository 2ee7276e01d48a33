import { randomBytes } from 'node:crypto';
import { errorMessage, sleep } from '@sanshe/common';
import { Kafka, logLevel, type Message, Partitioners } from 'kafkajs';
import type { BenchConfig } from './config';
import { makeEvent } from './event';
import { rate, type RateResult, waitUntil } from './measure';

/**
 * Baseline (a): raw kafkajs. A fresh topic; an idempotent producer (acks all) sends batches, a
 * consumer group reads them with eachBatch; events/s from the first timed send to the last
 * timed message consumed. The topic and group are deleted afterwards.
 */
export async function runKafkajsBaseline(cfg: BenchConfig): Promise<RateResult> {
  const topic = `bench.events.${Date.now()}.${randomBytes(3).toString('hex')}`;
  const groupId = `${topic}.consumer`;
  const kafka = new Kafka({
    clientId: 'bench-events',
    brokers: cfg.kafkaBrokers,
    ...cfg.kafkaSecurity,
    logLevel: logLevel.WARN,
  });
  const admin = kafka.admin();
  // kafkajs 2.2.4 serializes an idempotent producer's requests per broker (a mutex): in-flight
  // send() calls overlap only their client-side work, which keeps sequence numbers in order.
  const producer = kafka.producer({
    idempotent: true,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 100 });
  let consumed = 0;
  try {
    await admin.connect();
    await admin.createTopics({
      topics: [{ topic, numPartitions: cfg.partitions, replicationFactor: 1 }],
      waitForLeaders: true,
    });
    await Promise.all([producer.connect(), consumer.connect()]);
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    let joined = false;
    consumer.on(consumer.events.GROUP_JOIN, () => (joined = true));
    await consumer.run({
      eachBatch: async ({ batch }) => {
        consumed += batch.messages.length;
      },
    });
    if (!(await waitUntil(() => joined, performance.now() + cfg.phaseTimeoutMs))) {
      throw new Error(`consumer group did not join within ${cfg.phaseTimeoutMs} ms`);
    }

    /** Sends events [from, to) until the deadline; returns when the last ack came and how many were acked. */
    const produce = async (from: number, to: number, deadline: number): Promise<{ lastAck: number; acked: number }> => {
      let next = from;
      let acked = 0;
      let lastAck = performance.now();
      const worker = async (): Promise<void> => {
        while (next < to && performance.now() < deadline) {
          const first = next;
          next = Math.min(to, next + cfg.batch);
          const messages: Message[] = [];
          for (let seq = first; seq < next; seq++) {
            const event = makeEvent(seq, cfg.keys, cfg.payloadBytes);
            messages.push({ key: event.key, value: event.json, headers: { ce_id: event.id } });
          }
          await producer.send({ topic, acks: -1, messages });
          acked += messages.length;
          lastAck = performance.now();
        }
      };
      await Promise.all(Array.from({ length: cfg.inFlight }, worker));
      return { lastAck, acked };
    };

    const warmDeadline = performance.now() + cfg.phaseTimeoutMs;
    const warm = await produce(0, cfg.warmup, warmDeadline);
    if (!(await waitUntil(() => consumed >= warm.acked, warmDeadline))) {
      throw new Error(`warm-up: consumed ${consumed} of ${warm.acked} within ${cfg.phaseTimeoutMs} ms`);
    }

    const total = warm.acked + cfg.events;
    const t0 = performance.now();
    const deadline = t0 + cfg.phaseTimeoutMs;
    const { lastAck, acked } = await produce(cfg.warmup, cfg.warmup + cfg.events, deadline);
    const done = await waitUntil(() => consumed >= total, deadline, 1);
    const t1 = performance.now();
    const events = Math.min(consumed, total) - warm.acked;
    // Check acked == consumed: drain what was acked (bounded), then let a stray duplicate show up.
    await waitUntil(() => consumed >= warm.acked + acked, performance.now() + 5_000);
    await sleep(200);
    const diff = consumed - warm.acked - acked;
    const produceOnly = rate(acked, lastAck - t0, false);
    return rate(events, t1 - t0, !done, [
      `producer alone: ${Math.round(produceOnly.perSec)} events/s to the last ack`,
      `consumed ${consumed - warm.acked} of ${acked} acked: ` +
        (diff === 0 ? 'ok' : diff > 0 ? `${diff} DUPLICATES` : `${-diff} MISSING after a 5 s drain`),
    ]);
  } finally {
    await consumer.disconnect().catch(warn('consumer disconnect'));
    await producer.disconnect().catch(warn('producer disconnect'));
    await admin.deleteGroups([groupId]).catch(warn(`delete group ${groupId}`));
    await admin.deleteTopics({ topics: [topic], timeout: 10_000 }).catch(warn(`delete topic ${topic}`));
    await admin.disconnect().catch(warn('admin disconnect'));
  }
}

const warn =
  (what: string) =>
  (err: unknown): void =>
    console.warn(`  warning: ${what} failed: ${errorMessage(err)}`);
