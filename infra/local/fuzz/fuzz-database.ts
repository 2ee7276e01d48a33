import { Client } from 'pg';

/**
 * The fuzzed services write into a database of their own on the same PostgreSQL server (`<database>_fuzz`):
 * thousands of generated policies, portals and programs must not land where the developer's services and the
 * tests read theirs. Made on first use; each service's migrations bring its schema up to date there.
 */
export async function ensureFuzzDatabase(databaseUrl: string): Promise<string> {
  const url = new URL(databaseUrl);
  const name = `${url.pathname.slice(1) || 'sanshe'}_fuzz`;
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * What a service's schema holds, table by table: the row count and a hash of the rows. Two equal fingerprints
 * mean nothing was written in between. A changed inbox table means events were consumed meanwhile, whose
 * handlers write too (the runner then compares nothing).
 */
export async function schemaFingerprint(databaseUrl: string, schema: string): Promise<Map<string, string>> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY 1`,
      [schema],
    );
    const fingerprint = new Map<string, string>();
    for (const { name } of tables.rows) {
      const table = `${client.escapeIdentifier(schema)}.${client.escapeIdentifier(name)}`;
      const result = await client.query<{ rows: string; hash: string }>(
        `SELECT count(*)::text AS rows, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS hash
           FROM ${table} t`,
      );
      fingerprint.set(name, `${result.rows[0].rows} rows ${result.rows[0].hash}`);
    }
    return fingerprint;
  } finally {
    await client.end();
  }
}

/** The tables whose fingerprint differs, with their before → after. */
export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names]
    .filter((name) => before.get(name) !== after.get(name))
    .map((name) => `${name}: ${before.get(name) ?? 'absent'} → ${after.get(name) ?? 'absent'}`);
}
