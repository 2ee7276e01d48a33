import type { GovernanceUnderTest } from './governance-under-test';
import { type JsonAnswer, serviceBesideGovernance } from './service-beside-governance';

export interface FundingBesideGovernance {
  governance: GovernanceUnderTest;
  fundingUrl(): string;
  governanceUrl(): string;
  /** What the funding process wrote to stdout and stderr so far. */
  fundingOutput(): string;
  call(url: string, method: string, token: string, body?: unknown): Promise<JsonAnswer>;
}

/**
 * The funding service and governance as they run (two processes, from source), each reading only what this
 * run publishes (serviceBesideGovernance). `fundingEnv` is set for the funding process only: it is put in
 * this process's environment just before the processes start, and restored after the suite.
 */
export function fundingBesideGovernance(
  name: string,
  options: { portal: string; fundingEnv?: Record<string, string>; governanceEnv?: NodeJS.ProcessEnv },
): FundingBesideGovernance {
  const saved: Record<string, string | undefined> = {};
  const fundingEnv = options.fundingEnv ?? {};
  const beside = serviceBesideGovernance(name, {
    service: 'funding',
    reads: ['governance', 'organization'],
    portal: options.portal,
    ...(options.governanceEnv ? { governanceEnv: options.governanceEnv } : {}),
    beforeStart: async () => {
      for (const [key, value] of Object.entries(fundingEnv)) {
        saved[key] = process.env[key];
        process.env[key] = value;
      }
    },
  });
  afterAll(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });
  return {
    governance: beside.governance,
    fundingUrl: beside.serviceUrl,
    governanceUrl: beside.governanceUrl,
    fundingOutput: beside.serviceOutput,
    call: beside.call,
  };
}
