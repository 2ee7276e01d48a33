/**
 * `npm run ledger:verify [-- --schema funding]`: recomputes every ledger balance from the journal and checks
 * every entry balances in one currency. Prints a table, then one JSON line
 * `{"ledgerVerify":"ok"|"mismatch",accounts,entries,mismatches}`; exits 1 on any mismatch, 2 if it could
 * not check. The database is the funding service's (its configuration: DATABASE_URL, schema `funding`).
 */
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { errorMessage } from '@sanshe/common';
import { serviceDataSourceOptions } from '@sanshe/persistence';
import { loadServiceConfig } from '@sanshe/service-kit';
import { ledgerTable, verifyLedger } from './verify-ledger';

async function main(): Promise<number> {
  const config = loadServiceConfig('funding', process.env);
  const { values } = parseArgs({ options: { schema: { type: 'string', default: config.service } } });
  const dataSource = new DataSource(
    serviceDataSourceOptions({
      url: config.DATABASE_URL,
      schema: values.schema,
      applicationName: 'sanshe-ledger-verify',
      poolSize: 1,
    }),
  );
  await dataSource.initialize();
  try {
    const { report, accounts } = await verifyLedger(dataSource, values.schema);
    for (const line of ledgerTable(accounts, report)) console.log(line);
    console.log(JSON.stringify(report));
    return report.ledgerVerify === 'ok' ? 0 : 1;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    console.error(`ledger:verify failed: ${errorMessage(err)}`);
    process.exitCode = 2;
  },
);
