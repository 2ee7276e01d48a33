import globalSetup from './global-setup';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ensureWorkflowBundle, ROOT, runScript } from '../workflow-bundle';

/** The built services' folder (infra/local/ensure-built-apps.ts, in a child: it needs the path aliases). */
async function builtAppsFolder(): Promise<string> {
  const script = ['-r', '@swc-node/register', 'infra/local/ensure-built-apps.ts'];
  const { stdout } = await promisify(execFile)(process.execPath, script, { cwd: ROOT, encoding: 'utf8' });
  return stdout.trim().split('\n').pop() ?? '';
}

/**
 * The serial pass's setup, once for all its suites: the servers up (as every Jest run), then every
 * service's migrations, governance's workflow bundle and the built services, at the same time. The end-to-end suites start
 * governance once or twice each: it loads this bundle (GOVERNANCE_WORKFLOW_BUNDLE, as the chaos suite does)
 * instead of running webpack at start, and none migrates again. The bundle is the working tree's
 * (workflow-bundle.ts: kept by the sources' hash, so the main pass's bundle serves when nothing changed).
 */
export default async function serialGlobalSetup(): Promise<void> {
  globalSetup();
  const startedAt = Date.now();
  const [, { path }, built] = await Promise.all([
    runScript('infra/local/migrate.ts'),
    ensureWorkflowBundle(),
    builtAppsFolder(),
  ]);
  console.log(
    `serial pass: migrations, workflow bundle and built services in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`,
  );
  process.env.GOVERNANCE_WORKFLOW_BUNDLE = path; // the suites' processes inherit it (startApp passes process.env)
  // The end-to-end suites run the services as production does, from the build (a third less CPU to start than
  // from source); the main pass starts every service from source (service-processes), as npm start does.
  process.env.SANSHE_APPS_FROM ??= built;
}
