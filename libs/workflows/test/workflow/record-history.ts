import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';

/** Where the replay test finds the histories it replays (committed to the repository). */
export const HISTORIES_DIR = join(__dirname, '..', 'histories');

/**
 * With RECORD_HISTORIES=1, saves the finished workflow's history (proto JSON, as `temporal workflow
 * show --output json` writes it) for the replay test. Re-record only for a change that is meant to be
 * incompatible and is guarded by `patched()` for the runs in flight (docs/decisions.md, "Changing
 * the workflow safely").
 */
export async function recordHistory(handle: WorkflowHandle, name: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const history = await handle.fetchHistory();
  await writeFile(join(HISTORIES_DIR, `${name}.json`), historyToJSON(history) + '\n');
}
