import { DataSource } from 'typeorm';
import { errorMessage } from '@sanshe/common';
import { parsePlatformEnv } from '@sanshe/config';
import { serviceDataSourceOptions, type ServiceDatabaseOptions } from './data-source-options';
import { quoteIdentifier } from './identifiers';

/**
 * Brings a service's schema up to date: creates the schema if the server is not one infra/local
 * provisioned (a managed PostgreSQL, say), then runs pending migrations, each in its own transaction.
 * Returns the names of the migrations it applied.
 */
export async function migrate(options: ServiceDatabaseOptions): Promise<string[]> {
  const dataSource = new DataSource(serviceDataSourceOptions(options));
  await dataSource.initialize();
  try {
    await dataSource.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(options.schema)}`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}

/** The body of each service's `migrations/run.ts`: reads DATABASE_URL, migrates, reports, sets the exit code. */
export function runMigrationsCli(
  schema: string,
  migrations: Function[],
  env: Record<string, string | undefined>,
): void {
  Promise.resolve()
    .then(() => migrate({ url: parsePlatformEnv(env).DATABASE_URL, schema, migrations }))
    .then(
      (applied) =>
        console.log(`  ${schema.padEnd(13)} ${applied.length ? `applied ${applied.join(', ')}` : 'up to date'}`),
      (err: unknown) => {
        console.error(`  ${schema.padEnd(13)} failed: ${errorMessage(err)}`);
        process.exitCode = 1;
      },
    );
}
