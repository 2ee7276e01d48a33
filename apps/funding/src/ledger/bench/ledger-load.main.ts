/**
 * The Ledger phase of `npm run bench:ledger` (bench/ledger), in a process of its own: the benchmarks may
 * not import an app, so they run this entry. `prepare --schema S` migrates S with funding's migrations;
 * `post --schema S --run N --connections C --postings P --warmup W --keys K --timeout-ms T` runs the
 * load. The last line of output is one JSON object (LedgerLoadResult, or {"prepared": S}).
 */
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { errorMessage } from '@sanshe/common';
import { parsePlatformEnv } from '@sanshe/config';
import { migrate, serviceDataSourceOptions } from '@sanshe/persistence';
import { migrations } from '../../../migrations';
import { runLedgerLoad } from './ledger-load';

const NUMBERS = ['run', 'connections', 'postings', 'warmup', 'keys', 'timeout-ms'] as const;

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: Object.fromEntries(['schema', ...NUMBERS].map((name) => [name, { type: 'string' as const }])),
  });
  const flags = values as Partial<Record<string, string>>;
  const schema = flags.schema ?? '';
  if (!/^bench_ledger_[a-z0-9_]+$/.test(schema))
    throw new Error(`--schema must be a bench_ledger_… schema, got "${schema}"`);
  const url = parsePlatformEnv(process.env).DATABASE_URL;
  if (positionals[0] === 'prepare') {
    await migrate({ url, schema, migrations });
    console.log(JSON.stringify({ prepared: schema }));
    return 0;
  }
  const num = (name: (typeof NUMBERS)[number]): number => {
    const value = Number(flags[name]);
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`--${name} must be an integer ≥ 0`);
    return value;
  };
  const connections = num('connections');
  const dataSource = new DataSource(
    serviceDataSourceOptions({ url, schema, poolSize: connections, applicationName: 'bench-ledger' }),
  );
  await dataSource.initialize();
  try {
    const result = await runLedgerLoad(dataSource, {
      schema,
      run: num('run'),
      connections,
      postings: num('postings'),
      warmup: num('warmup'),
      keys: Math.max(1, num('keys')),
      timeoutMs: num('timeout-ms'),
    });
    console.log(JSON.stringify(result));
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    console.error(`ledger load failed: ${errorMessage(err)}`);
    process.exitCode = 1;
  },
);
