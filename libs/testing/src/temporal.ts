import { resolve } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { registerSearchAttributes } from '@sanshe/nest-platform/search-attributes';
import { TRACING_OFF_SINKS } from '@sanshe/nest-platform/temporal-tracing';
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

/**
 * A test worker's workflow code: the run's prebuilt bundle of the same workflows when Jest's setup made one
 * (GOVERNANCE_WORKFLOW_BUNDLE: infra/local/jest/workflow-bundle.ts), else `workflowsPath` bundled now. The bundle
 * has Temporal's tracing interceptors built in (as governance's): its spans go to a sink that drops them.
 */
export function testWorkflowCode(workflowsPath: string) {
  const codePath = process.env.GOVERNANCE_WORKFLOW_BUNDLE;
  return codePath
    ? { workflowBundle: { codePath }, sinks: TRACING_OFF_SINKS }
    : { workflowsPath, bundlerOptions: workflowBundlerOptions() };
}
