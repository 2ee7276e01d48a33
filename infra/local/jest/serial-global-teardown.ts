import { rmSync } from 'node:fs';
import { dirname } from 'node:path';

/** Removes the workflow bundle serial-global-setup.ts made for the pass (its own temporary folder). */
export default function serialGlobalTeardown(): void {
  const bundle = process.env.GOVERNANCE_WORKFLOW_BUNDLE;
  if (bundle && dirname(bundle).includes('sanshe-serial-')) rmSync(dirname(bundle), { recursive: true, force: true });
}
