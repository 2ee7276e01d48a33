import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SchemathesisRun {
  /** The `st` executable (ensureSchemathesis). */
  st: string;
  documentUrl: string;
  token: string;
  maxExamples: number;
  seed: number;
  /** The run is killed (by its pid) and counted a failure past this. */
  timeLimitMs: number;
  /** Extra `st run` options, e.g. `--mode negative`. */
  extraArgs?: string[];
}

export interface SchemathesisResult {
  /** st's exit code (null: killed at the time limit). */
  exitCode: number | null;
  timedOut: boolean;
  /** The NDJSON event stream of the run ('' if it wrote none). */
  events: string;
  /** st's own output, for failures' details and reproduction commands. */
  output: string;
  seconds: number;
}

const CONFIG_FILE = join(__dirname, 'schemathesis.toml');

/** `st run` with every check, bounded and seeded, the token sent with every request. */
export function schemathesisArgs(run: SchemathesisRun, reportDir: string): string[] {
  return [
    '--config-file',
    CONFIG_FILE,
    'run',
    run.documentUrl,
    '--checks',
    'all',
    '--max-examples',
    String(run.maxExamples),
    '--seed',
    String(run.seed),
    '--generation-database',
    'none', // nothing remembered between runs: the seed alone decides the cases
    '--workers',
    '1', // one request at a time: the same seed gives the same cases, and the 2-core machine stays usable
    '--header',
    `Authorization: Bearer ${run.token}`,
    '--report',
    'ndjson',
    '--report-dir',
    reportDir,
    '--no-color',
    ...(run.extraArgs ?? []),
  ];
}

/**
 * The two passes' own options. Both let st generate by filtering as long as it needs: an operation whose input is
 * hard to meet (talent's assessor routes, a decisionId holding slashes) was otherwise given up (filter_too_much)
 * and never tested. The invalid writes are the writes with a body: one whose only input is a patterned path
 * parameter has no invalid case to make that still reaches it.
 */
export function passOptions(phases: string | undefined, bodyWrites: string[]) {
  const everyCheck = [...(phases ? ['--phases', phases] : []), '--suppress-health-check', 'filter_too_much'];
  const invalidWrites = [
    ...everyCheck,
    '--mode',
    'negative',
    ...bodyWrites.flatMap((name) => ['--include-name', name]),
  ];
  return { everyCheck, invalidWrites };
}

export async function runSchemathesis(run: SchemathesisRun): Promise<SchemathesisResult> {
  const reportDir = mkdtempSync(join(tmpdir(), 'sanshe-fuzz-'));
  const started = Date.now();
  try {
    const child = spawn(run.st, schemathesisArgs(run, reportDir), {
      cwd: reportDir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', SCHEMATHESIS_TELEMETRY: 'false' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL'); // only the st process this run started
    }, run.timeLimitMs);
    const exitCode = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => resolve(code));
    });
    clearTimeout(timer);
    const file = readdirSync(reportDir).find((name) => name.endsWith('.ndjson'));
    const events = file ? readFileSync(join(reportDir, file), 'utf8') : '';
    return { exitCode, timedOut, events, output, seconds: (Date.now() - started) / 1000 };
  } finally {
    rmSync(reportDir, { recursive: true, force: true });
  }
}
