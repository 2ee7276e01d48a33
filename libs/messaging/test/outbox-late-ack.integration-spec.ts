import type { Producer, RecordMetadata } from 'kafkajs';
import { eventually } from '@sanshe/testing';
import { OutboxRelay } from '../src';
import { messagingFixture, proposalEvent } from './harness';

const SEND_TIMEOUT_MS = 300;

/**
 * A send that Kafka acknowledges after the relay's deadline (a broker paused, then resumed) must not be
 * sent a second time: the relay marks its rows sent when the late acknowledgement arrives. Real
 * PostgreSQL; the producer is a stand-in whose acknowledgement the test releases by hand.
 */
describe('a relay whose abandoned send is acknowledged late (real PostgreSQL)', () => {
  let fx: Awaited<ReturnType<typeof messagingFixture>>;
  let relay: OutboxRelay | undefined;

  beforeAll(async () => {
    fx = await messagingFixture('outbox_late_ack');
  });
  afterAll(async () => {
    await relay?.stop();
    await fx?.cleanup();
  });

  it('marks the rows sent on the late acknowledgement and sends each event once', async () => {
    const sentValues: string[] = [];
    let acknowledge: (() => void) | undefined;
    const producer = {
      sendBatch: ({ topicMessages }: { topicMessages: { messages: { value: string }[] }[] }) => {
        for (const { messages } of topicMessages) sentValues.push(...messages.map((m) => m.value));
        // The first send hangs until the test acknowledges it; later ones are acknowledged at once.
        if (acknowledge !== undefined || sentValues.length > 5) return Promise.resolve([] as RecordMetadata[]);
        return new Promise<RecordMetadata[]>((resolve) => (acknowledge = () => resolve([])));
      },
    } as unknown as Producer;
    const logged: string[] = [];
    relay = new OutboxRelay(fx.dataSource, producer, {
      schema: fx.schema,
      lanesPerClaim: 16,
      idleDelayMs: 5,
      sendTimeoutMs: SEND_TIMEOUT_MS,
      log: (message) => logged.push(message),
    });
    await fx.dataSource.transaction(async (manager) => {
      for (let seq = 0; seq < 5; seq++) await fx.writer.publish(manager, proposalEvent(`k${seq % 2}`, seq));
    });

    relay.start();
    await eventually(() => expect(logged.join('\n')).toContain('within sendTimeoutMs'));
    expect(await fx.unsent()).toBe(5); // rolled back: still unsent while the send is in doubt
    expect(sentValues).toHaveLength(5);

    acknowledge!(); // Kafka answers after all
    await eventually(async () => expect(await fx.unsent()).toBe(0));
    await relay.stop();
    expect(sentValues).toHaveLength(5); // each event handed to Kafka once, not re-sent after the late ack
    expect(relay.published).toBe(5);
    expect(logged.join('\n')).toContain('acknowledged 5 events late; 5 marked sent');
  });
});
