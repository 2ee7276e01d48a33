import type { DataSourceOptions, MixedList, EntitySchema } from 'typeorm';

export interface ServiceDatabaseOptions {
  url: string;
  /** Each service owns one PostgreSQL schema and never reads another's. */
  schema: string;
  entities?: MixedList<Function | string | EntitySchema>;
  migrations?: MixedList<Function | string>;
  applicationName?: string;
  poolSize?: number;
  /**
   * Server-side limits for every session of the pool (none when absent, as for migrations): a statement
   * running longer, or a transaction left idle longer (e.g. while its caller waits on Temporal), is ended
   * by PostgreSQL, so no connection or lock is held without end.
   */
  timeouts?: { statementMs: number; idleInTransactionMs: number };
}

/** Migrations, never `synchronize`; the migrations table lives in the service's own schema. */
export function serviceDataSourceOptions(options: ServiceDatabaseOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities ?? [],
    migrations: options.migrations ?? [],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    applicationName: options.applicationName ?? `sanshe-${options.schema}`,
    poolSize: options.poolSize ?? 10,
    connectTimeoutMS: 5000,
    ...(options.timeouts
      ? {
          extra: {
            statement_timeout: options.timeouts.statementMs,
            idle_in_transaction_session_timeout: options.timeouts.idleInTransactionMs,
          },
        }
      : {}),
  };
}
