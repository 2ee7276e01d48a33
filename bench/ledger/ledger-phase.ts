import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { LedgerBenchConfig } from './config';
import type { PhaseResult } from './report';

const ROOT = resolve(__dirname, '../..');
/** The funding service's own load entry: benchmarks may not import an app, so they run it as a process. */
const LEDGER_LOAD = 'apps/funding/src/ledger/bench/ledger-load.main.ts';

/** Runs the entry with `args`; resolves with the JSON of its last line (its other output is relayed). */
function runLedgerLoad(args: string[], timeoutMs: number): Promise<Record<string, unknown>> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', LEDGER_LOAD, ...args], {
      cwd: ROOT,
      env: process.env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0) return fail(new Error(`${LEDGER_LOAD} ${args[0]} exited ${code}: ${last}`));
      done(JSON.parse(last) as Record<string, unknown>);
    });
  });
}

/** Creates the bench's schema with funding's migrations (the real ledger tables). */
export async function prepareSchema(schema: string): Promise<void> {
  await runLedgerLoad(['prepare', '--schema', schema], 120_000);
}

/** (b): the same postings through Ledger.post, the same connection count, in the same schema. */
export async function runLedgerPhase(cfg: LedgerBenchConfig, schema: string, run: number): Promise<PhaseResult> {
  const args = ['post', '--schema', schema, '--run', String(run), '--connections', String(cfg.connections)];
  args.push('--postings', String(cfg.postings), '--warmup', String(cfg.warmup), '--keys', String(cfg.keys));
  args.push('--timeout-ms', String(cfg.phaseTimeoutMs));
  const result = await runLedgerLoad(args, 2 * cfg.phaseTimeoutMs + 120_000);
  if (result.ledgerVerify !== 'ok')
    throw new Error(`ledger:verify after the Ledger phase: ${String(result.ledgerVerify)}`);
  return result as unknown as PhaseResult;
}
