import { Kafka, logLevel } from 'kafkajs';
import { contextTopic, portalCommandsTopic } from '@sanshe/contracts';
import { type AppProcess, startApp, stopApp, waitUntilHealthy } from '@sanshe/infra';
import { ensureTopics } from '@sanshe/messaging';
import { bearer, freePort, parseTestEnv, startGroupAtTopicEnds, uniqueName } from '@sanshe/testing';
import { type GovernanceUnderTest, governanceUnderTest } from './governance-under-test';

/** An HTTP answer: its status, its text, and its JSON body ({} when empty). */
export interface JsonAnswer {
  status: number;
  text: string;
  body: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON answers
}

export interface CommunityBesideGovernance {
  governance: GovernanceUnderTest;
  kafka: Kafka;
  communityUrl(): string;
  governanceUrl(): string;
  /** What the community process wrote to stdout and stderr so far. */
  communityOutput(): string;
  call(url: string, method: string, token: string, body?: unknown): Promise<JsonAnswer>;
  /** Registers district 310104, `streetCode` and `communityCode` through the community's API. */
  registerArea(areaAdminToken: string, streetCode: string, communityCode: string, name: string): Promise<void>;
}

const GOVERNANCE_READS = ['organization', 'community', 'talent', 'funding'] as const;
const COMMUNITY_READS = ['governance', 'organization', 'funding'] as const;

/**
 * The community service and governance as they run (two processes, from source) on the real Kafka,
 * PostgreSQL and Temporal; registers the suite's beforeAll/afterAll. Both consumer groups are new each run
 * and start at the topics' current ends (offsets committed before the processes join), so they read only
 * what this run publishes. `beforeStart` runs after that and before the processes start.
 */
export function communityBesideGovernance(
  name: string,
  options: { portal: string; beforeStart?: (kafka: Kafka) => Promise<void> },
): CommunityBesideGovernance {
  const servers = parseTestEnv(process.env);
  const kafka = new Kafka({ clientId: `${name}-setup`, brokers: servers.KAFKA_BROKERS, logLevel: logLevel.NOTHING });
  const groups = { governance: uniqueName(`governance-${name}`), community: uniqueName(`community-${name}`) };
  const startAtTheEnd = async (groupId: string, topics: string[]) => {
    await ensureTopics(servers.KAFKA_BROKERS, topics);
    await startGroupAtTopicEnds(kafka, groupId, topics);
  };
  // Registered before governanceUnderTest's, so it runs first: both groups start at the ends before they join.
  beforeAll(async () => {
    await startAtTheEnd(groups.governance, [
      ...GOVERNANCE_READS.map(contextTopic),
      portalCommandsTopic(options.portal),
    ]);
    await startAtTheEnd(groups.community, COMMUNITY_READS.map(contextTopic));
    await options.beforeStart?.(kafka);
  }, 60_000);
  const governance = governanceUnderTest(name, () => ({
    KAFKA_GROUP_ID: groups.governance,
    KAFKA_FROM_BEGINNING: 'false',
    GOVERNANCE_TASK_QUEUE: uniqueName(name),
    GOVERNANCE_PORTALS: options.portal,
  }));
  let community: AppProcess | undefined;
  let communityUrl = '';
  beforeAll(async () => {
    const port = await freePort();
    community = startApp('community', port, {
      env: { ...process.env, KAFKA_GROUP_ID: groups.community, KAFKA_FROM_BEGINNING: 'false' },
    });
    communityUrl = `http://127.0.0.1:${port}`;
    await waitUntilHealthy(community);
  }, 120_000);
  afterAll(async () => {
    if (community) await stopApp(community, 10_000);
  });

  const call = async (url: string, method: string, token: string, body?: unknown): Promise<JsonAnswer> => {
    const response = await fetch(url, {
      method,
      headers: { 'content-type': 'application/json', ...bearer(token) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, text, body: text ? JSON.parse(text) : {} };
  };
  return {
    governance,
    kafka,
    communityUrl: () => communityUrl,
    governanceUrl: () => `http://127.0.0.1:${governance.governance.port}`,
    communityOutput: () => community?.output() ?? '',
    call,
    registerArea: async (token, streetCode, communityCode, areaName) => {
      const area = { name: areaName, population: 100, serviceArea: { description: 'e2e' } };
      for (const path of ['/districts/310104', `/streets/${streetCode}`, `/communities/${communityCode}`]) {
        expect([200, 201]).toContain((await call(`${communityUrl}${path}`, 'PUT', token, area)).status);
      }
    },
  };
}
