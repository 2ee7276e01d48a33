import { parseArgs } from 'node:util';
import { errorMessage } from '@sanshe/common';

/** One numeric setting of a benchmark: a `--flag`, its BENCH_* variable, default, minimum and help. */
export interface Knob {
  env: string;
  def: number;
  min: number;
  help: string;
}

/** The --help text: one line per knob, flags and variables aligned. */
export function knobsUsage(command: string, knobs: Record<string, Knob>, footer: string): string {
  const flagWidth = Math.max(...Object.keys(knobs).map((flag) => flag.length)) + 2;
  const envWidth = Math.max(...Object.values(knobs).map((k) => k.env.length)) + 2;
  const lines = Object.entries(knobs).map(
    ([flag, k]) => `  --${flag.padEnd(flagWidth)} ${k.env.padEnd(envWidth)} ${String(k.def).padStart(6)}  ${k.help}`,
  );
  return [
    `usage: npm run ${command} -- [--flag value]...   (flags win over environment variables)`,
    `  ${'flag'.padEnd(flagWidth + 2)} ${'env'.padEnd(envWidth)} ${'default'.padStart(6)}`,
    ...lines,
    `  ${footer}`,
  ].join('\n');
}

/**
 * Reads each knob from its flag, then its BENCH_* variable, then its default; throws naming the flag
 * and variable when a value is not an integer at or above the knob's minimum.
 */
export function readKnobs<K extends string>(
  knobs: Record<K, Knob>,
  argv: string[],
  env: Record<string, string | undefined>,
): (name: K) => number {
  const options = Object.fromEntries(Object.keys(knobs).map((name) => [name, { type: 'string' as const }]));
  const { values } = parseArgs({ args: argv, options, strict: true, allowPositionals: false });
  const flags = values as Partial<Record<K, string>>;
  return (name) => {
    const knob = knobs[name];
    const raw = flags[name] ?? env[knob.env];
    if (raw === undefined || raw === '') return knob.def;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < knob.min) {
      throw new Error(`--${name} / ${knob.env} must be an integer ≥ ${knob.min}, got "${raw}"`);
    }
    return value;
  };
}

/** `--help` prints the usage (exit 0); a bad value prints why, then the usage (exit 1). Else the config. */
export function configFromCli<C>(
  argv: string[],
  env: Record<string, string | undefined>,
  load: (argv: string[], env: Record<string, string | undefined>) => C,
  usage: () => string,
): { config: C } | { exitCode: number } {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(usage());
    return { exitCode: 0 };
  }
  try {
    return { config: load(argv, env) };
  } catch (err) {
    console.error(`${errorMessage(err)}\n\n${usage()}`);
    return { exitCode: 1 };
  }
}

/**
 * Runs a benchmark's main and exits with its code. Client libraries (kafkajs, pg, gRPC channels, the
 * Temporal worker's runtime) may keep sockets or timers alive: the benchmark stops by itself anyway.
 */
export function runBenchmark(main: () => Promise<number>, onSettled: () => void = () => undefined): void {
  main().then(
    (code) => {
      onSettled();
      process.exitCode = code;
      setTimeout(() => process.exit(code), 2_000).unref();
    },
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
