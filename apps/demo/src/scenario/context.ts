import type { ServiceName } from '@sanshe/config';
import type { DemoOptions } from '../cli/parse-args';
import type { PortalSimRun } from '../io/portal-sim';
import type { ServiceClient } from '../io/service-client';
import { waitFor } from '../io/wait-for';
import type { Progress } from '../report/progress';
import type { DemoRecord } from './demo-record';

/** Who a token speaks for: a person (`sub`), the parties they act for, and their roles. */
export interface TokenRequest {
  sub: string;
  parties: string[];
  roles: string[];
}

/**
 * The ids the run created so far, by the scenario's own names for them (e.g. `organizations.elderlyCare`,
 * `proposals.lunch`): each stage adds what it made, later stages read them.
 */
export interface DemoIds {
  districtCode: string;
  streets: string[];
  communities: string[];
  /** The street offices' portal ids, by street code. */
  streetOffices: Record<string, string>;
  organizations: Record<string, string>;
  workers: Record<string, string>;
  programs: Record<string, string>;
  /** The funder party of each program (`funder:<id>`), by the program's scenario name. */
  funders: Record<string, string>;
  needs: Record<string, string>;
  proposals: Record<string, string>;
  decisions: Record<string, string>;
  activities: Record<string, string>;
  grants: Record<string, string>;
}

export const emptyIds = (): DemoIds => ({
  districtCode: '',
  streets: [],
  communities: [],
  streetOffices: {},
  organizations: {},
  workers: {},
  programs: {},
  funders: {},
  needs: {},
  proposals: {},
  decisions: {},
  activities: {},
  grants: {},
});

/** Everything a stage works with: the run's options, the services, tokens, the ids so far and the record. */
export interface DemoContext {
  options: DemoOptions;
  runId: string;
  /**
   * The deployment's district (GOVERNANCE_DISTRICT_CODE, default 310104): a program's policies are set by its
   * policy-admin (docs/decisions.md, "Program scope"), while the run's areas are a district of their own.
   */
  deploymentDistrictCode: string;
  api: Record<ServiceName, ServiceClient>;
  /** A development token for this person and parties (minted once per request, then reused). */
  token(request: TokenRequest): Promise<string>;
  /** Runs portal-sim as the portal (its bin, a child process): its exit code and what it printed. */
  portalSim(portalId: string, args: string[]): Promise<PortalSimRun>;
  /** Starts what portal-sim needs to act as the portal (its Kafka user: slow to make), awaited by its first run. */
  preparePortal(portalId: string): void;
  ids: DemoIds;
  record: DemoRecord;
  progress: Progress;
  /** `fast` in the end-to-end test, `normal` for people watching (both in seconds). */
  seconds(fast: number, normal: number): number;
  /** waitFor, bounded by `timeoutMs` (longer without --fast). */
  waitFor: <T>(
    what: string,
    probe: () => Promise<T | undefined>,
    why: () => Promise<string> | string,
    timeoutMs?: number,
  ) => Promise<T>;
}

export interface DemoContextParts {
  options: DemoOptions;
  deploymentDistrictCode?: string;
  api: Record<ServiceName, ServiceClient>;
  mintToken: (request: TokenRequest) => Promise<string>;
  portalSim: (portalId: string, args: string[]) => Promise<PortalSimRun>;
  preparePortal?: (portalId: string) => void;
  progress: Progress;
  record: DemoRecord;
}

export function createDemoContext(parts: DemoContextParts): DemoContext {
  const tokens = new Map<string, Promise<string>>();
  const { options } = parts;
  return {
    options,
    runId: options.runId,
    deploymentDistrictCode: parts.deploymentDistrictCode ?? '310104',
    api: parts.api,
    token: (request) => {
      const key = JSON.stringify([request.sub, [...request.parties].sort(), [...request.roles].sort()]);
      if (!tokens.has(key)) tokens.set(key, parts.mintToken(request));
      return tokens.get(key)!;
    },
    portalSim: parts.portalSim,
    preparePortal: parts.preparePortal ?? (() => undefined),
    ids: emptyIds(),
    record: parts.record,
    progress: parts.progress,
    seconds: (fast, normal) => (options.fast ? fast : normal),
    waitFor: (what, probe, why, timeoutMs = 60_000) =>
      waitFor(what, probe, why, { timeoutMs: options.fast ? timeoutMs : timeoutMs * 2 }),
  };
}
