import { Kafka, logLevel, type Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { sleep } from '@sanshe/common';
import { kafkaClientSecurity } from '@sanshe/config';
import { serviceDataSourceOptions } from '@sanshe/persistence';
import { eventually, uniqueName } from '@sanshe/testing';
import { createReliableProducer, lockClassOf, OutboxRelay } from '../src';
import { silenceableBroker } from './fixtures/silenceable-broker';
import { env, kafka, messagingFixture, proposalEvent, readTopic } from './harness';

const SEND_TIMEOUT_MS = 1_500;
/** Longer than the bound the test checks: without the deadline the round would wait this long. */
const KAFKAJS_REQUEST_TIMEOUT_MS = 6_000;
const KEYS = 6;
/** The silenced relay's sessions, told apart from every other test's in pg_stat_activity. */
const relayApplication = uniqueName('silenced-relay');

describe('a relay whose broker stops answering (real PostgreSQL and Kafka, a silenced proxy)', () => {
  let fx: Awaited<ReturnType<typeof messagingFixture>>;
  let proxy: Awaited<ReturnType<typeof silenceableBroker>>;
  let relaySource: DataSource;
  const producers: Producer[] = [];
  const relays: OutboxRelay[] = [];

  beforeAll(async () => {
    fx = await messagingFixture('outbox_deadline');
    proxy = await silenceableBroker(env.KAFKA_BROKERS);
    relaySource = await new DataSource(
      serviceDataSourceOptions({
        url: env.DATABASE_URL,
        schema: fx.schema,
        applicationName: relayApplication,
        poolSize: 2,
      }),
    ).initialize();
  });
  afterAll(async () => {
    await Promise.all(relays.map((relay) => relay.stop()));
    await Promise.all(producers.map((producer) => producer.disconnect().catch(() => undefined)));
    await proxy?.close();
    await relaySource?.destroy();
    await fx?.cleanup();
  });

  const connectedProducer = async (client: Kafka) => {
    const producer = createReliableProducer(client);
    producers.push(producer);
    await producer.connect();
    return producer;
  };
  const writeEvents = (from: number, count: number) =>
    fx.dataSource.transaction(async (manager) => {
      for (let seq = from; seq < from + count; seq++)
        await fx.writer.publish(manager, proposalEvent(`k${seq % KEYS}`, seq));
    });
  /** Lane locks of this schema's relays, and relay sessions left idle in a transaction. */
  const held = async () => {
    const [{ lanes, idle }] = (await fx.dataSource.query(
      `SELECT (SELECT count(*)::int FROM pg_locks WHERE locktype = 'advisory' AND classid = $1::oid AND objsubid = 2) AS lanes,
              (SELECT count(*)::int FROM pg_stat_activity
                WHERE application_name = $2 AND state = 'idle in transaction') AS idle`,
      [lockClassOf(fx.schema), relayApplication],
    )) as { lanes: number; idle: number }[];
    return { lanes, idle };
  };
  /** Locks every unsent row from another connection, without waiting: fails if a relay still holds one. */
  const lockUnsentRowsNow = () =>
    fx.dataSource.transaction(async (manager) => {
      const rows = (await manager.query(
        `SELECT position FROM "${fx.schema}".outbox WHERE sent_at IS NULL FOR UPDATE NOWAIT`,
      )) as unknown[];
      return rows.length;
    });

  it('gives up the round within sendTimeoutMs, keeps the rows, frees the lanes; the rows go out once Kafka answers', async () => {
    const silencedKafka = new Kafka({
      clientId: 'silenced-relay',
      brokers: env.KAFKA_BROKERS,
      ...kafkaClientSecurity(env),
      socketFactory: proxy.socketFactory,
      requestTimeout: KAFKAJS_REQUEST_TIMEOUT_MS,
      retry: { retries: 1, initialRetryTime: 100, maxRetryTime: 200 }, // an idempotent producer needs one
      logLevel: logLevel.NOTHING,
    });
    const silenced = await connectedProducer(silencedKafka);
    let sends = 0;
    let sendsUnsettled = 0;
    const sendBatch = silenced.sendBatch.bind(silenced);
    silenced.sendBatch = (batch) => {
      sends++;
      sendsUnsettled++;
      return sendBatch(batch).finally(() => sendsUnsettled--);
    };
    const logged: string[] = [];
    const stuck = new OutboxRelay(relaySource, silenced, {
      schema: fx.schema,
      lanesPerClaim: 16,
      idleDelayMs: 5,
      sendTimeoutMs: SEND_TIMEOUT_MS,
      log: (message) => logged.push(message),
    });
    relays.push(stuck);

    proxy.silence();
    await writeEvents(0, 30);
    stuck.start();
    await eventually(async () => expect(await held()).toEqual({ lanes: 16, idle: 1 })); // the round waits on Kafka

    // Within the deadline (plus slack), while kafkajs still waits for its answer, the round is gone.
    await eventually(async () => expect(await held()).toEqual({ lanes: 0, idle: 0 }), {
      timeoutMs: SEND_TIMEOUT_MS + 2_000,
    });
    expect(sendsUnsettled).toBe(1);
    expect(await lockUnsentRowsNow()).toBe(30);
    expect(logged.join('\n')).toContain(`within sendTimeoutMs (${SEND_TIMEOUT_MS} ms)`);
    expect(stuck.published).toBe(0);
    // Nor does it claim lanes again while its abandoned send is unsettled (the first backoff is 200 ms):
    // a new batch would only queue behind that send in kafkajs, holding its lanes meanwhile.
    await sleep(1_000);
    expect(await held()).toEqual({ lanes: 0, idle: 0 });
    expect([sends, sendsUnsettled]).toEqual([1, 1]);

    // Another relay, with a broker that answers, takes every lane and sends the rows while the first one fails.
    const healthy = new OutboxRelay(fx.dataSource, await connectedProducer(kafka), {
      schema: fx.schema,
      lanesPerClaim: 16,
      idleDelayMs: 5,
    });
    relays.push(healthy);
    healthy.start();
    await eventually(async () => expect(await fx.unsent()).toBe(0), { timeoutMs: 30_000 });
    await healthy.stop();
    expect(healthy.published).toBe(30);
    expect([sends, sendsUnsettled]).toEqual([1, 1]); // the first relay still waits for its abandoned send

    // Kafka answers the first relay again (after its abandoned send has failed): it sends what comes next.
    await eventually(() => expect(sendsUnsettled).toBe(0), { timeoutMs: 4 * KAFKAJS_REQUEST_TIMEOUT_MS });
    proxy.speak();
    await writeEvents(30, 12);
    await eventually(async () => expect(await fx.unsent()).toBe(0), { timeoutMs: 30_000 });
    expect(stuck.published).toBe(12);
    await stuck.stop();

    const relayed = (await readTopic(fx.topic, 42)).map(
      (m) => JSON.parse(String(m.value)) as { subject: string; data: { title: string } },
    );
    expect(relayed).toHaveLength(42); // each once: the abandoned send never reached the broker
    for (let k = 0; k < KEYS; k++) {
      const seqs = relayed.filter((e) => e.subject === `k${k}`).map((e) => Number(e.data.title.slice(1)));
      expect(seqs).toEqual(Array.from({ length: 7 }, (_, i) => k + i * KEYS)); // in order per key
    }
  });
});
