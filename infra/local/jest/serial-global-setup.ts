import globalSetup from './global-setup';
import { ensureWorkflowBundle, runScript } from '../workflow-bundle';

/**
 * The serial pass's setup, once for all its suites: the servers up (as every Jest run), then every
 * service's migrations and governance's workflow bundle, at the same time. The end-to-end suites start
 * governance once or twice each: it loads this bundle (GOVERNANCE_WORKFLOW_BUNDLE, as the chaos suite does)
 * instead of running webpack at start, and none migrates again. The bundle is the working tree's
 * (workflow-bundle.ts: kept by the sources' hash, so the main pass's bundle serves when nothing changed).
 */
export default async function serialGlobalSetup(): Promise<void> {
  globalSetup();
  const startedAt = Date.now();
  const [, { path }] = await Promise.all([runScript('infra/local/migrate.ts'), ensureWorkflowBundle()]);
  console.log(`serial pass: migrations and workflow bundle in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
  process.env.GOVERNANCE_WORKFLOW_BUNDLE = path; // the suites' processes inherit it (startApp passes process.env)
}
