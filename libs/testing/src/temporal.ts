import { resolve } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { registerSearchAttributes } from '@sanshe/nest-platform/search-attributes';
import { bundlerOptionsWithAliases } from '@sanshe/nest-platform/workflow-bundle';

/** The time-skipping test server that infra/local fetched, with Sanshe's search attributes registered. */
export async function createTimeSkippingEnv(testServerPath: string): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: testServerPath } },
  });
  await registerSearchAttributes(env.connection, env.namespace ?? 'default');
  return env;
}

/**
 * Bundler options for a test worker or a replay: like governance's worker, the bundle resolves the
 * repository's `@sanshe/…` path aliases (workflow code imports `@sanshe/contracts/pure`).
 */
export const workflowBundlerOptions = () => ({
  webpackConfigHook: bundlerOptionsWithAliases(resolve(__dirname, '../../../tsconfig.base.json')),
});
