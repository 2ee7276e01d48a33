import { createServer, connect, type Server, type Socket } from 'node:net';
import { Controller, type INestApplication, Module } from '@nestjs/common';
import { Ctx, type KafkaContext, Payload } from '@nestjs/microservices';
import type { Producer } from 'kafkajs';
import { deadLetterTopic, type EventType } from '@sanshe/contracts';
import { createService, type ExposedSample, HealthModule, MetricsModule, parseExposition } from '@sanshe/nest-platform';
import { PostgresModule } from '@sanshe/persistence';
import { eventually, uniqueName } from '@sanshe/testing';
import {
  ConsumeTopic,
  createReliableProducer,
  type EventHandler,
  ensureTopics,
  InboxService,
  KafkaModule,
  kafkaConsumerTransport,
  MessagingModule,
} from '../src';
import { env, kafka, kafkaEndpoint, messagingFixture, proposalEvent, seqOf } from './harness';

/** A loopback port nothing listens on: connecting is refused, as to a broker that is down. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Kafka "comes back" on `port`: a pipe to the real broker. Only the bootstrap goes through it — the broker
 * then advertises its own address — so a client pointed at `port` reaches Kafka from now on.
 */
async function brokerBackOn(port: number): Promise<{ close(): Promise<void> }> {
  const [host = '', brokerPort = ''] = (env.KAFKA_BROKERS[0] ?? '').split(/:(?=\d+$)/);
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect({ host, port: Number(brokerPort) });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => sockets.delete(socket));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('/metrics of the outbox and the inbox (real PostgreSQL and Kafka; the relay at a refusing address)', () => {
  let fx: Awaited<ReturnType<typeof messagingFixture>>;
  let app: INestApplication;
  let base: string;
  let pipe: { close(): Promise<void> } | undefined;
  let producer: Producer;
  let unreachablePort: number;
  const groupId = uniqueName('metrics-consumer');
  let failures = 0;

  const scrape = async (): Promise<ExposedSample[]> => {
    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(200);
    return parseExposition(await response.text()).samples;
  };
  const valueOf = (samples: ExposedSample[], name: string, labels: Record<string, string> = {}) =>
    samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;

  beforeAll(async () => {
    fx = await messagingFixture('metrics');
    unreachablePort = await closedPort();
    await ensureTopics(kafkaEndpoint, [deadLetterTopic(groupId)]);
    const applyProposal: EventHandler<'sanshe.organization.proposal.submitted.v1'> = async (event, manager) => {
      // Fails twice (in a batch or alone, two failed tries either way), then succeeds: retries_total{error="Error"} 2.
      if (seqOf(event) === 2 && failures < 2) {
        failures++;
        throw new Error('a transient failure: retried');
      }
      await manager.query(`INSERT INTO "${fx.schema}".effects (event_id, subject, seq) VALUES ($1, $2, $3)`, [
        event.id,
        event.subject,
        seqOf(event),
      ]);
    };
    @Controller()
    class ProposalConsumer {
      constructor(private readonly inbox: InboxService) {}
      @ConsumeTopic(fx.topic)
      onEvent(@Payload() _raw: Buffer, @Ctx() context: KafkaContext) {
        return this.inbox.consume(context, { 'sanshe.organization.proposal.submitted.v1': applyProposal } as {
          [T in EventType]?: EventHandler<T>;
        });
      }
    }
    @Module({
      imports: [
        HealthModule,
        MetricsModule,
        PostgresModule.forRootAsync({ useFactory: () => ({ url: env.DATABASE_URL, schema: fx.schema }) }),
        // The relay, the dead letters and the lag's admin use this connection: Kafka is down for them at first.
        KafkaModule.forRootAsync({
          useFactory: () => ({ ...kafkaEndpoint, clientId: groupId, brokers: [`127.0.0.1:${unreachablePort}`] }),
        }),
        MessagingModule.forRoot({
          schema: fx.schema,
          source: 'sanshe/organization',
          consumer: { consumer: groupId, retryDelayMs: 50, retryMaxDelayMs: 200 },
        }),
      ],
      controllers: [ProposalConsumer],
    })
    class MeteredModule {}
    app = await createService(MeteredModule, {
      name: 'metered',
      description: '',
      host: '127.0.0.1',
      port: 0,
      silent: true,
    });
    app.connectMicroservice(kafkaConsumerTransport({ ...kafkaEndpoint, clientId: groupId, groupId })); // the real broker
    await app.startAllMicroservices();
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    producer = createReliableProducer(kafka);
    await producer.connect();
  });

  afterAll(async () => {
    await app?.close();
    await pipe?.close();
    await producer?.disconnect();
    await fx?.cleanup();
  });

  const write = (seqs: number[]) =>
    fx.dataSource.transaction(async (manager) => {
      for (const seq of seqs) await fx.writer.publish(manager, proposalEvent(`proposal-${seq}`, seq));
    });

  it('shows the backlog rise while Kafka is unreachable and fall once it is back; retries, dead letters and lag', async () => {
    await write([1, 2, 3]);
    const whileDown = await scrape();
    expect(valueOf(whileDown, 'sanshe_outbox_unsent_events')).toBe(3);
    await write([4, 5]);
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // past the outbox read's 1 s cache
    const stillDown = await scrape();
    expect(valueOf(stillDown, 'sanshe_outbox_unsent_events')).toBe(5);
    expect(valueOf(stillDown, 'sanshe_outbox_oldest_unsent_age_seconds')).toBeGreaterThanOrEqual(1);
    expect(stillDown.filter((s) => s.name === 'sanshe_consumer_lag_messages')).toEqual([]); // unknown, not 0

    pipe = await brokerBackOn(unreachablePort);
    await eventually(
      async () => {
        const samples = await scrape();
        expect(valueOf(samples, 'sanshe_outbox_unsent_events')).toBe(0);
        expect(valueOf(samples, 'sanshe_outbox_oldest_unsent_age_seconds')).toBe(0);
        expect(valueOf(samples, 'sanshe_outbox_published_events_total')).toBe(5);
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    // Not JSON: dead-lettered as an invalid event.
    await producer.send({ topic: fx.topic, messages: [{ key: 'proposal-6', value: 'not json' }] });
    const settled = await eventually(
      async () => {
        const samples = await scrape();
        expect(valueOf(samples, 'sanshe_inbox_dead_letters_total', { reason: 'invalid-event' })).toBe(1);
        expect(valueOf(samples, 'sanshe_inbox_retries_total', { error: 'Error' })).toBe(2);
        const lag = samples.filter((s) => s.name === 'sanshe_consumer_lag_messages' && s.labels.topic === fx.topic);
        expect(lag.map((s) => s.labels.partition).sort()).toEqual(['0', '1', '2']);
        expect(lag.map((s) => s.value)).toEqual([0, 0, 0]); // all six committed
        return samples;
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    // Every event applied once — waited for: the scraped gauges above are cached reads and can run ahead of it.
    await eventually(async () => expect((await fx.effects()).map((e) => e.seq).sort()).toEqual([1, 2, 3, 4, 5]), {
      timeoutMs: 30_000,
      intervalMs: 250,
    });

    // Labels name kinds and places, never a record: no subject, event id or UUID among them.
    const ids = [...(await fx.effects()).flatMap((e) => [e.event_id, e.subject]), groupId];
    const labelValues = settled.flatMap((s) => Object.values(s.labels));
    expect(labelValues.filter((value) => ids.some((id) => value.includes(id)))).toEqual([]);
    expect(labelValues.filter((value) => /[0-9a-f]{8}-[0-9a-f]{4}-/.test(value))).toEqual([]);
  });
});
