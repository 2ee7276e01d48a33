import { Client, Connection } from '@temporalio/client';
import type { Kafka, Producer } from 'kafkajs';
import { Client as PgClient } from 'pg';
import {
  contextTopic,
  createEvent,
  type EventType,
  type NewEvent,
  portalCommandsTopic,
  type SansheEvent,
} from '@sanshe/contracts';
import { type AppProcess, startApp, stopApp, waitUntilHealthy } from '@sanshe/infra';
import { ensureTopics } from '@sanshe/messaging';
import {
  freePorts,
  parseTestEnv,
  startGroupAtTopicEnds,
  testKafka,
  testConsumerGroup,
  testPlatformEndpoint,
  testTopic,
} from '@sanshe/testing';

/** The contexts whose topics governance reads (besides the portals' command topics). */
export const GOVERNANCE_READS = ['organization', 'community', 'talent', 'funding'] as const;

/**
 * A consumer group of this run's own for a suite's governance, its offsets committed at the current ends of
 * what governance reads before the process joins (register it before governanceUnderTest): a fixed group
 * would first work through everything other suites published since its last run — votes and withdrawals
 * for decisions whose workers are gone, each stalling its partition until its Temporal call times out.
 */
export function governanceGroupAtTopicEnds(name: string, portals: string[]): NodeJS.ProcessEnv {
  const groupId = testConsumerGroup('governance', name);
  beforeAll(async () => {
    const topics = [...GOVERNANCE_READS.map(contextTopic), ...portals.map(portalCommandsTopic)];
    const kafka = testKafka(`${name}-setup`);
    await ensureTopics(testPlatformEndpoint(), topics);
    await startGroupAtTopicEnds(
      kafka,
      groupId,
      topics.map((topic) => testTopic(topic)),
    );
  }, 60_000);
  return { KAFKA_GROUP_ID: groupId, KAFKA_FROM_BEGINNING: 'false' };
}

export interface GovernanceUnderTest {
  kafka: Kafka;
  /** The running governance process (replaced by startAgain). */
  governance: AppProcess;
  temporal: Client;
  /** Builds a valid event with this `source`, and produces it to `topic` (logical: the tests' prefix added) keyed by its subject. */
  publish<T extends EventType>(
    topic: string,
    source: string,
    event: Omit<NewEvent<T>, 'source'>,
  ): Promise<SansheEvent<T>>;
  /** Starts governance again on the same port (after a test killed it), and waits until it is healthy. */
  startAgain(): Promise<void>;
}

/**
 * Governance as `npm start` runs it (its own process, from source) on the real servers, with a Kafka
 * producer and a Temporal client for the test; registers the suite's beforeAll/afterAll. `env` isolates
 * the run: its own consumer group, task queue and portals.
 */
export function governanceUnderTest(
  clientId: string,
  env: () => NodeJS.ProcessEnv,
  /**
   * Starts another process at the same time as governance, on the port it is given (free, not governance's),
   * awaited with it: one start's wait, not two.
   */
  alongside?: (port: number) => Promise<void>,
): GovernanceUnderTest {
  const servers = parseTestEnv(process.env);
  const kafka = testKafka(clientId);
  let producer: Producer | undefined;
  const harness = { kafka } as GovernanceUnderTest;

  harness.publish = async <T extends EventType>(topic: string, source: string, event: Omit<NewEvent<T>, 'source'>) => {
    const built = createEvent({ ...event, source } as NewEvent<T>);
    await producer!.send({ topic: testTopic(topic), messages: [{ key: built.subject, value: JSON.stringify(built) }] });
    return built;
  };
  harness.startAgain = async () => {
    harness.governance = startApp('governance', harness.governance.port, { env: { ...process.env, ...env() } });
    await waitUntilHealthy(harness.governance);
  };

  // The serial pass's setup has migrated every service (infra/local/jest/serial-global-setup.ts).
  beforeAll(async () => {
    producer = kafka.producer({ idempotent: true });
    await producer.connect();
    harness.temporal = new Client({
      connection: await Connection.connect({ address: servers.TEMPORAL_ADDRESS }),
      namespace: servers.TEMPORAL_NAMESPACE,
    });
    const [port, alongsidePort] = await freePorts(2);
    harness.governance = startApp('governance', port, { env: { ...process.env, ...env() } });
    await Promise.all([waitUntilHealthy(harness.governance), alongside?.(alongsidePort)]);
  }, 120_000);

  afterAll(async () => {
    if (harness.governance) await stopApp(harness.governance, 10_000);
    await producer?.disconnect();
    await harness.temporal?.connection.close();
  });
  return harness;
}

/**
 * Removes the suite's policies when it ends. Every governance process hears the portals that stored
 * policies name (docs/decisions.md), so a test policy left behind would add its portals' topics to every
 * later boot on the developer's database.
 */
export function removePoliciesAfterAll(...policyIds: string[]): void {
  afterAll(async () => {
    const db = new PgClient({ connectionString: parseTestEnv(process.env).DATABASE_URL });
    await db.connect();
    try {
      await db.query('DELETE FROM governance.decision_policy WHERE policy_id = ANY($1)', [policyIds]);
    } finally {
      await db.end();
    }
  });
}
