/**
 * `npm run decisions:verify [-- --schema governance]`: checks every closed decision's stored audit
 * trail (the hash chain, and its head against the closed decision's row). Prints a line per broken
 * chain and a summary; exits 1 if any is broken, 2 if it could not check, 0 otherwise.
 */
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { errorMessage } from '@sanshe/common';
import { parsePlatformEnv } from '@sanshe/config';
import { serviceDataSourceOptions } from '@sanshe/persistence';
import { verifyStoredDecisions } from '../src/decisions/application/verify-stored-decisions';
import { PostgresDecisionAuditRepository } from '../src/decisions/infrastructure/postgres-decision-audit.repository';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { schema: { type: 'string', default: 'governance' } } });
  const { DATABASE_URL } = parsePlatformEnv(process.env);
  const dataSource = new DataSource(
    serviceDataSourceOptions({ url: DATABASE_URL, schema: values.schema, applicationName: 'sanshe-decisions-verify' }),
  );
  await dataSource.initialize();
  try {
    const report = await verifyStoredDecisions(new PostgresDecisionAuditRepository(dataSource), (broken) =>
      console.log(`BROKEN ${broken.decisionId}: ${broken.problem}`),
    );
    console.log(`${report.checked} decisions checked in schema ${values.schema}, ${report.broken} broken`);
    return report.broken > 0 ? 1 : 0;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    console.error(`decisions:verify failed: ${errorMessage(err)}`);
    process.exitCode = 2;
  },
);
