/**
 * `npm run community:rotate-key [-- --schema community --batch 200]`: re-encrypts every resident row not
 * under COMMUNITY_DATA_KEY_ID, a batch per transaction, while the service keeps running (README,
 * "Rotating the data key"). Prints a line per batch and a summary; exits 1 when rows remain under an
 * old key (held by another transaction: run again), 2 when it could not rotate, 0 otherwise.
 */
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { errorMessage } from '@sanshe/common';
import { parsePlatformEnv } from '@sanshe/config';
import { serviceDataSourceOptions } from '@sanshe/persistence';
import { loadCommunityConfig } from '../src/config/community-config';
import { rotateResidentKeys } from '../src/residents/application/rotate-resident-keys';
import { resolveDataKeys } from '../src/residents/infrastructure/data-keys';
import { FieldCipher } from '../src/residents/infrastructure/field-cipher';
import { PostgresResidentRepository } from '../src/residents/infrastructure/postgres-resident.repository';
import { ResidentSealer } from '../src/residents/infrastructure/resident-sealer';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { schema: { type: 'string', default: 'community' }, batch: { type: 'string', default: '200' } },
  });
  const batchSize = Number(values.batch);
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new Error('--batch must be a whole number of rows, 1 or more');
  const { DATABASE_URL } = parsePlatformEnv(process.env);
  const sealer = new ResidentSealer(new FieldCipher(resolveDataKeys(loadCommunityConfig(process.env))));
  const dataSource = new DataSource(
    serviceDataSourceOptions({
      url: DATABASE_URL,
      schema: values.schema,
      applicationName: 'sanshe-community-rotate-key',
    }),
  );
  await dataSource.initialize();
  try {
    let done = 0;
    const report = await rotateResidentKeys(
      dataSource,
      new PostgresResidentRepository(dataSource),
      sealer,
      batchSize,
      (rotated) => console.log(`  re-encrypted ${(done += rotated)} rows so far`),
    );
    console.log(
      `${report.rotated} rows re-encrypted under ${report.activeKeyId} in ${report.batches} batches ` +
        `(schema ${values.schema}); ${report.remaining} remain under another key`,
    );
    return report.remaining > 0 ? 1 : 0;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    console.error(`community:rotate-key failed: ${errorMessage(err)}`);
    process.exitCode = 2;
  },
);
