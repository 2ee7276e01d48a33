import { ensureWorkflowBundle } from '../workflow-bundle';

/**
 * The main pass's setup, once for all its projects (each project's own setup brings the servers up): governance's
 * workflow bundle, named by GOVERNANCE_WORKFLOW_BUNDLE for the test workers and the processes they start, unless
 * the environment names one already.
 */
export default async function mainGlobalSetup(): Promise<void> {
  if (process.env.GOVERNANCE_WORKFLOW_BUNDLE) return;
  const startedAt = Date.now();
  const { path, built } = await ensureWorkflowBundle();
  if (built) console.log(`\nworkflow bundle built in ${((Date.now() - startedAt) / 1000).toFixed(1)} s: ${path}`);
  process.env.GOVERNANCE_WORKFLOW_BUNDLE = path;
}
