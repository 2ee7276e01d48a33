import { Kafka, logLevel } from 'kafkajs';
import { contextTopic, portalCommandsTopic } from '@sanshe/contracts';
import { type AppProcess, startApp, stopApp, waitUntilHealthy } from '@sanshe/infra';
import { ensureTopics } from '@sanshe/messaging';
import { bearer, freePort, parseTestEnv, startGroupAtTopicEnds, uniqueName } from '@sanshe/testing';
import type { JsonAnswer } from './community-beside-governance';
import { type GovernanceUnderTest, governanceUnderTest } from './governance-under-test';

export interface OrganizationBesideGovernance {
  governance: GovernanceUnderTest;
  organizationUrl(): string;
  governanceUrl(): string;
  /** What the organization process wrote to stdout and stderr so far. */
  organizationOutput(): string;
  call(url: string, method: string, token: string, body?: unknown): Promise<JsonAnswer>;
}

const GOVERNANCE_READS = ['organization', 'community', 'talent', 'funding'] as const;
const ORGANIZATION_READS = ['governance', 'community', 'talent', 'funding'] as const;

/**
 * The organization service and governance as they run (two processes, from source) on the real Kafka,
 * PostgreSQL and Temporal; registers the suite's beforeAll/afterAll. Both consumer groups are new each run
 * and start at the topics' current ends (committed before the processes join), so they read only what this
 * run publishes. Governance bundles the workflows from source at start (no GOVERNANCE_WORKFLOW_BUNDLE), so
 * it runs the decision workflow as the working tree has it. `governanceEnv` adds governance settings.
 */
export function organizationBesideGovernance(
  name: string,
  options: { portal: string; governanceEnv?: NodeJS.ProcessEnv },
): OrganizationBesideGovernance {
  const servers = parseTestEnv(process.env);
  const kafka = new Kafka({ clientId: `${name}-setup`, brokers: servers.KAFKA_BROKERS, logLevel: logLevel.NOTHING });
  const groups = { governance: uniqueName(`governance-${name}`), organization: uniqueName(`organization-${name}`) };
  const startAtTheEnd = async (groupId: string, topics: string[]) => {
    await ensureTopics(servers.KAFKA_BROKERS, topics);
    await startGroupAtTopicEnds(kafka, groupId, topics);
  };
  // Registered before governanceUnderTest's, so it runs first: both groups start at the ends before they join.
  beforeAll(async () => {
    const portal = portalCommandsTopic(options.portal);
    await startAtTheEnd(groups.governance, [...GOVERNANCE_READS.map(contextTopic), portal]);
    await startAtTheEnd(groups.organization, ORGANIZATION_READS.map(contextTopic));
  }, 60_000);
  const governance = governanceUnderTest(name, () => ({
    // Unset even if the shell set it: a bundle built before the withdraw update would refuse withdrawals.
    GOVERNANCE_WORKFLOW_BUNDLE: undefined,
    KAFKA_GROUP_ID: groups.governance,
    KAFKA_FROM_BEGINNING: 'false',
    GOVERNANCE_TASK_QUEUE: uniqueName(name),
    GOVERNANCE_PORTALS: options.portal,
    ...options.governanceEnv,
  }));
  let organization: AppProcess | undefined;
  let organizationUrl = '';
  beforeAll(async () => {
    const port = await freePort();
    organization = startApp('organization', port, {
      env: { ...process.env, KAFKA_GROUP_ID: groups.organization, KAFKA_FROM_BEGINNING: 'false' },
    });
    organizationUrl = `http://127.0.0.1:${port}`;
    await waitUntilHealthy(organization);
  }, 120_000);
  afterAll(async () => {
    if (organization) await stopApp(organization, 10_000);
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
    organizationUrl: () => organizationUrl,
    governanceUrl: () => `http://127.0.0.1:${governance.governance.port}`,
    organizationOutput: () => organization?.output() ?? '',
    call,
  };
}
