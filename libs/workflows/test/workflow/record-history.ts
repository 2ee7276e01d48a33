import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';

/** Where the replay test finds the histories it replays (committed to the repository). */
export const HISTORIES_DIR = join(__dirname, '..', 'histories');

/**
 * With RECORD_HISTORIES=1, saves the finished workflow's history (proto JSON, as `temporal workflow
 * show --output json` writes it) for the replay test, unless a history of that name is committed:
 * those were recorded by older code and keep its branches replayed (docs/decisions.md, "Changing the
 * workflow safely"). Record a changed path under a new name; RECORD_HISTORIES=overwrite replaces
 * them too, only for a change meant to be incompatible once no run older than it is open.
 */
export async function recordHistory(handle: WorkflowHandle, name: string): Promise<void> {
  const mode = process.env.RECORD_HISTORIES;
  const file = join(HISTORIES_DIR, `${name}.json`);
  if (mode !== 'overwrite' && (mode !== '1' || existsSync(file))) return;
  const history = await handle.fetchHistory();
  await writeFile(file, historyToJSON(history) + '\n');
}
