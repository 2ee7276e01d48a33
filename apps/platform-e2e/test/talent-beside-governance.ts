import type { GovernanceUnderTest } from './governance-under-test';
import { type JsonAnswer, serviceBesideGovernance } from './service-beside-governance';

export interface TalentBesideGovernance {
  governance: GovernanceUnderTest;
  talentUrl(): string;
  governanceUrl(): string;
  /** What the talent process wrote to stdout and stderr so far. */
  talentOutput(): string;
  call(url: string, method: string, token: string, body?: unknown): Promise<JsonAnswer>;
  /** SIGKILLs the talent process, runs `whileDown`, then starts it again on its port. */
  crashTalent(whileDown: () => Promise<void>): Promise<void>;
}

/**
 * The talent service and governance as they run (two processes, from source), each reading only what this
 * run publishes (serviceBesideGovernance). `talentEnv` is set for the talent process only: it is put in this
 * process's environment just before the processes start, and restored after the suite.
 */
export function talentBesideGovernance(
  name: string,
  options: { portal: string; talentEnv?: Record<string, string>; governanceEnv?: NodeJS.ProcessEnv },
): TalentBesideGovernance {
  const saved: Record<string, string | undefined> = {};
  const talentEnv = options.talentEnv ?? {};
  const beside = serviceBesideGovernance(name, {
    service: 'talent',
    reads: ['governance', 'organization', 'community'],
    portal: options.portal,
    ...(options.governanceEnv ? { governanceEnv: options.governanceEnv } : {}),
    beforeStart: async () => {
      for (const [key, value] of Object.entries(talentEnv)) {
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
    talentUrl: beside.serviceUrl,
    governanceUrl: beside.governanceUrl,
    talentOutput: beside.serviceOutput,
    call: beside.call,
    crashTalent: beside.crashService,
  };
}
