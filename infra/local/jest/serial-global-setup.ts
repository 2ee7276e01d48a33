import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import globalSetup from './global-setup';

const ROOT = resolve(__dirname, '../../..');

/** A script of the repository in a child process (global setup has no path aliases); throws with its output. */
async function runScript(script: string, ...args: string[]): Promise<void> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', script, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk: Buffer) => (output += String(chunk)));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`${script} failed (exit ${code}):\n${output}`);
}

/**
 * The serial pass's setup, once for all its suites: the servers up (as every Jest run), then every
 * service's migrations and governance's workflow bundle, at the same time. The end-to-end suites start
 * governance once or twice each: it loads this bundle (GOVERNANCE_WORKFLOW_BUNDLE, as the chaos suite does)
 * instead of running webpack at start, and none migrates again. The bundle is built from the working
 * tree each pass, so the suites run the workflows as they are. serial-global-teardown.ts removes it.
 */
export default async function serialGlobalSetup(): Promise<void> {
  globalSetup();
  const bundle = join(mkdtempSync(join(tmpdir(), 'sanshe-serial-')), 'governance-workflows.js');
  const startedAt = Date.now();
  await Promise.all([
    runScript('infra/local/migrate.ts'),
    runScript('apps/governance/scripts/bundle-workflows.ts', '--out', bundle),
  ]);
  console.log(`serial pass: migrations and workflow bundle in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
  process.env.GOVERNANCE_WORKFLOW_BUNDLE = bundle; // the suites' processes inherit it (startApp passes process.env)
}
