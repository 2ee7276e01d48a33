import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { hashOfFiles, sourceFiles } from './source-hash';

export const ROOT = resolve(__dirname, '../..');

/** A script of the repository in a child process (global setup has no path aliases); throws with its output. */
export async function runScript(script: string, ...args: string[]): Promise<void> {
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
 * What the bundle is made of: every lib's sources (the workflows and what they import), the path aliases and
 * the locked dependency versions (webpack, Temporal's SDK). Any change makes another bundle.
 */
function sourcesHash(): string {
  const files = [
    ...sourceFiles(join(ROOT, 'libs')),
    ...['tsconfig.base.json', 'package-lock.json', 'apps/governance/src/app.module.ts'].map((f) => join(ROOT, f)),
    join(ROOT, 'apps/governance/scripts/bundle-workflows.ts'),
  ];
  return hashOfFiles(files);
}

/**
 * Governance's workflow bundle (apps/governance/scripts/bundle-workflows.ts) for the sources as they are, built
 * once and kept by their hash in the temporary folder: a test run whose workflows did not change reuses it,
 * and every governance started by the tests (GOVERNANCE_WORKFLOW_BUNDLE) and every test worker
 * (testWorkflowCode in @sanshe/testing) loads it instead of running webpack — about 5 s of CPU each.
 */
export async function ensureWorkflowBundle(): Promise<{ path: string; built: boolean }> {
  const dir = join(tmpdir(), 'sanshe-workflow-bundles');
  const path = join(dir, `governance-workflows-${sourcesHash()}.js`);
  if (existsSync(path)) return { path, built: false };
  mkdirSync(dir, { recursive: true });
  const partial = `${path}.${process.pid}.partial`;
  await runScript('apps/governance/scripts/bundle-workflows.ts', '--out', partial);
  renameSync(partial, path); // whole or absent: a run that stops halfway leaves no bundle to reuse
  // Bundles of sources long gone: another clone's may still be in use, so only those untouched for a day go.
  const dayAgo = Date.now() - 24 * 3600_000;
  for (const name of readdirSync(dir)) {
    const other = join(dir, name);
    if (other !== path && statSync(other).mtimeMs < dayAgo) rmSync(other, { force: true });
  }
  return { path, built: true };
}
