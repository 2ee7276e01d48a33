// Workflows for the infrastructure smoke tests only: bundled into the worker's sandbox.
import { sleep, upsertSearchAttributes } from '@temporalio/workflow';

export async function greetWorkflow(name: string): Promise<string> {
  return `hello, ${name}`;
}

/** Marks itself with a custom search attribute, then waits for the test to find it. */
export async function taggedWorkflow(kind: string): Promise<string> {
  upsertSearchAttributes({ DecisionKind: [kind] });
  await sleep('1 day');
  return kind;
}

export async function thirtyDayTimerWorkflow(): Promise<number> {
  const start = Date.now(); // workflow time: deterministic, moved by the server's timers
  await sleep('30 days');
  return Date.now() - start;
}
