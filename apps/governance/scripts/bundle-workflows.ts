/**
 * `npm run governance:bundle [-- --out <file>]`: bundles the decision workflows once, as the worker would
 * at start, into a file that GOVERNANCE_WORKFLOW_BUNDLE then names (a production image builds it at
 * build time; the chaos suite once per run). Exits 1 if bundling failed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { bundleWorkflowCode } from '@temporalio/worker';
import { errorMessage } from '@sanshe/common';
import { WORKFLOW_BUNDLE_OPTIONS } from '../src/app.module';

const DEFAULT_OUT = resolve(__dirname, '../../../dist/apps/governance/workflow-bundle.js');

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string', default: DEFAULT_OUT } } });
  const out = resolve(values.out);
  const { code } = await bundleWorkflowCode(WORKFLOW_BUNDLE_OPTIONS);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, code);
  console.log(`workflow bundle written to ${out} (${Math.round(code.length / 1024)} KiB)`);
}

main().catch((err: unknown) => {
  console.error(`governance:bundle failed: ${errorMessage(err)}`);
  process.exitCode = 1;
});
