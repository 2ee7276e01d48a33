import type { Kafka } from 'kafkajs';
import type { ServiceName } from '@sanshe/config';
import { contextTopic, type EventContext } from '@sanshe/contracts';
import { type AppProcess, startApp, stopApp, waitUntilHealthy } from '@sanshe/infra';
import { ensureTopics } from '@sanshe/messaging';
import {
  bearer,
  startGroupAtTopicEnds,
  testConsumerGroup,
  testKafka,
  testPlatformEndpoint,
  testTopic,
  uniqueName,
} from '@sanshe/testing';
import { governanceGroupAtTopicEnds, type GovernanceUnderTest, governanceUnderTest } from './governance-under-test';

/** An HTTP answer: its status, its text, and its JSON body ({} when empty). */
export interface JsonAnswer {
  status: number;
  text: string;
  body: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON answers
}

export interface ServiceBesideGovernance {
  governance: GovernanceUnderTest;
  kafka: Kafka;
  serviceUrl(): string;
  governanceUrl(): string;
  /** What the service's process wrote to stdout and stderr so far. */
  serviceOutput(): string;
  call(url: string, method: string, token: string, body?: unknown): Promise<JsonAnswer>;
  /** SIGKILLs the service's process (a crash: no shutdown hooks), runs `whileDown`, then starts it again on its port. */
  crashService(whileDown: () => Promise<void>): Promise<void>;
}

export interface ServiceBesideGovernanceOptions {
  /** The service started beside governance, and the contexts whose topics it reads. */
  service: ServiceName;
  reads: readonly Exclude<EventContext, 'portal'>[];
  /** The portal whose commands governance reads. */
  portal: string;
  /** Governance settings added to (or, set to undefined, removed from) its environment. */
  governanceEnv?: NodeJS.ProcessEnv;
  /** Runs once both consumer groups start at the topics' ends, before the processes start. */
  beforeStart?: (kafka: Kafka) => Promise<void>;
}

const call = async (url: string, method: string, token: string, body?: unknown): Promise<JsonAnswer> => {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...bearer(token) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, text, body: text ? JSON.parse(text) : {} };
};

/**
 * A service and governance as they run (two processes, from source) on the real Kafka, PostgreSQL and
 * Temporal; registers the suite's beforeAll/afterAll. Both consumer groups are new each run and start at
 * the topics' current ends (offsets committed before the processes join), so they read only what this
 * run publishes.
 */
export function serviceBesideGovernance(
  name: string,
  options: ServiceBesideGovernanceOptions,
): ServiceBesideGovernance {
  const kafka = testKafka(`${name}-setup`);
  const serviceGroup = testConsumerGroup(options.service, name);
  // Registered before governanceUnderTest's, so they run first: both groups start at the ends before they join.
  const governanceGroup = governanceGroupAtTopicEnds(name, [options.portal]);
  beforeAll(async () => {
    const topics = options.reads.map(contextTopic);
    await ensureTopics(testPlatformEndpoint(), topics);
    await startGroupAtTopicEnds(
      kafka,
      serviceGroup,
      topics.map((topic) => testTopic(topic)),
    );
    await options.beforeStart?.(kafka);
  }, 60_000);
  let service: AppProcess | undefined;
  let serviceUrl = '';
  const startService = async (port: number) => {
    service = startApp(options.service, port, {
      // KAFKA_SESSION_TIMEOUT_MS: after crashService's SIGKILL the restarted process gets the partitions once the
      // killed member's session has expired: 10 s (as decisions.serial-spec's governance) instead of 30 s.
      env: {
        ...process.env,
        KAFKA_GROUP_ID: serviceGroup,
        KAFKA_FROM_BEGINNING: 'false',
        KAFKA_SESSION_TIMEOUT_MS: '10000',
      },
    });
    serviceUrl = `http://127.0.0.1:${port}`;
    await waitUntilHealthy(service);
  };
  // The service starts while governance does (neither waits for the other: each reads from its group's offsets).
  const governance = governanceUnderTest(
    name,
    () => ({
      ...governanceGroup,
      GOVERNANCE_TASK_QUEUE: uniqueName(name),
      GOVERNANCE_PORTALS: options.portal,
      ...options.governanceEnv,
    }),
    startService,
  );
  afterAll(async () => {
    if (service) await stopApp(service, 10_000);
  });

  return {
    governance,
    kafka,
    serviceUrl: () => serviceUrl,
    governanceUrl: () => `http://127.0.0.1:${governance.governance.port}`,
    serviceOutput: () => service?.output() ?? '',
    call,
    crashService: async (whileDown) => {
      const crashed = service;
      if (!crashed) throw new Error(`${options.service} is not running`);
      const exited = new Promise((resolve) => crashed.child.once('exit', resolve));
      crashed.child.kill('SIGKILL');
      await exited;
      await whileDown();
      await startService(crashed.port);
    },
  };
}
