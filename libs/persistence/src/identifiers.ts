import type { DataSource, QueryRunner } from 'typeorm';

/** A PostgreSQL identifier, double-quoted with embedded quotes doubled, safe to splice into SQL. */
export const quoteIdentifier = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** `"schema"."table"`, each part quoted: how services name their own tables in plain SQL. */
export const qualifiedTable = (schema: string, table: string): string =>
  `${quoteIdentifier(schema)}.${quoteIdentifier(table)}`;

/** The schema a data source (or a migration's query runner) works in: the service's own, else `public`. */
export function schemaNameOf(source: DataSource | QueryRunner): string {
  const dataSource = 'connection' in source ? source.connection : source;
  return (dataSource.options as { schema?: string }).schema ?? 'public';
}

/** The same, quoted for SQL: migrations write `${schemaOf(runner)}.table` so nothing lands in `public` by accident. */
export const schemaOf = (source: DataSource | QueryRunner): string => quoteIdentifier(schemaNameOf(source));
