import type { Kafka } from 'kafkajs';
import type { GovernanceUnderTest } from './governance-under-test';
import { type JsonAnswer, serviceBesideGovernance } from './service-beside-governance';

export type { JsonAnswer } from './service-beside-governance';

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

/**
 * The community service and governance as they run (two processes, from source), each reading only what
 * this run publishes (serviceBesideGovernance). `beforeStart` runs before the processes start.
 */
export function communityBesideGovernance(
  name: string,
  options: { portal: string; beforeStart?: (kafka: Kafka) => Promise<void> },
): CommunityBesideGovernance {
  const beside = serviceBesideGovernance(name, {
    ...options,
    service: 'community',
    reads: ['governance', 'organization', 'funding'],
  });
  return {
    governance: beside.governance,
    kafka: beside.kafka,
    communityUrl: beside.serviceUrl,
    governanceUrl: beside.governanceUrl,
    communityOutput: beside.serviceOutput,
    call: beside.call,
    registerArea: async (token, streetCode, communityCode, areaName) => {
      const area = { name: areaName, population: 100, serviceArea: { description: 'e2e' } };
      for (const path of ['/districts/310104', `/streets/${streetCode}`, `/communities/${communityCode}`]) {
        expect([200, 201]).toContain((await beside.call(`${beside.serviceUrl()}${path}`, 'PUT', token, area)).status);
      }
    },
  };
}
