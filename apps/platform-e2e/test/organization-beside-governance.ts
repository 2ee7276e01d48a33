import type { GovernanceUnderTest } from './governance-under-test';
import { type JsonAnswer, serviceBesideGovernance } from './service-beside-governance';

export interface OrganizationBesideGovernance {
  governance: GovernanceUnderTest;
  organizationUrl(): string;
  governanceUrl(): string;
  /** What the organization process wrote to stdout and stderr so far. */
  organizationOutput(): string;
  call(url: string, method: string, token: string, body?: unknown): Promise<JsonAnswer>;
}

/**
 * The organization service and governance as they run (two processes, from source), each reading only
 * what this run publishes (serviceBesideGovernance). Governance bundles the workflows from source at start
 * (no GOVERNANCE_WORKFLOW_BUNDLE), so it runs the decision workflow as the working tree has it.
 * `governanceEnv` adds governance settings.
 */
export function organizationBesideGovernance(
  name: string,
  options: { portal: string; governanceEnv?: NodeJS.ProcessEnv },
): OrganizationBesideGovernance {
  const beside = serviceBesideGovernance(name, {
    service: 'organization',
    reads: ['governance', 'community', 'talent', 'funding'],
    portal: options.portal,
    // Unset even if the shell set it: a bundle built before the withdraw update would refuse withdrawals.
    governanceEnv: { GOVERNANCE_WORKFLOW_BUNDLE: undefined, ...options.governanceEnv },
  });
  return {
    governance: beside.governance,
    organizationUrl: beside.serviceUrl,
    governanceUrl: beside.governanceUrl,
    organizationOutput: beside.serviceOutput,
    call: beside.call,
  };
}
