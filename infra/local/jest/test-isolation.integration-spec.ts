import { Connection } from '@temporalio/client';
import { Client } from 'pg';
import { LOCAL_DATABASE_URL, LOCAL_INFRA, parsePlatformEnv } from '@sanshe/config';
import { testIsolationEnv } from './test-isolation';

describe('tests keep to themselves (docs/testing.md)', () => {
  it("name a topic prefix, a database and a Temporal namespace of their own on the developer's local servers", () => {
    const isolated = parsePlatformEnv(testIsolationEnv({}));
    expect(isolated.KAFKA_TOPIC_PREFIX).toBe('test.');
    expect(new URL(isolated.DATABASE_URL).pathname).toBe('/sanshe_test');
    expect(isolated.DATABASE_URL).not.toBe(LOCAL_DATABASE_URL);
    expect(isolated.TEMPORAL_NAMESPACE).toBe('sanshe-test');
    expect(isolated.TEMPORAL_NAMESPACE).not.toBe(LOCAL_INFRA.temporal.namespace);
  });

  it("leave a server of the user's own as the user named it (infra/local makes nothing there)", () => {
    const own = { DATABASE_URL: 'postgres://u:p@db.internal/app', TEMPORAL_ADDRESS: 'temporal.internal:7233' };
    expect(testIsolationEnv(own)).toEqual({ KAFKA_TOPIC_PREFIX: 'test.' });
  });

  it("are what Jest's global setup gave this worker, and infra:up made the database and the namespace", async () => {
    const env = parsePlatformEnv(process.env);
    expect(env.KAFKA_TOPIC_PREFIX).not.toBe('');
    expect(env.DATABASE_URL).not.toBe(LOCAL_DATABASE_URL);
    expect(env.TEMPORAL_NAMESPACE).not.toBe(LOCAL_INFRA.temporal.namespace);
    const db = new Client({ connectionString: env.DATABASE_URL });
    await db.connect();
    const [row] = (await db.query('SELECT current_database() AS name').finally(() => db.end())).rows as {
      name: string;
    }[];
    expect(row?.name).toBe(new URL(env.DATABASE_URL).pathname.slice(1));
    const temporal = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
    const described = await temporal.workflowService
      .describeNamespace({ namespace: env.TEMPORAL_NAMESPACE })
      .finally(() => temporal.close());
    expect(described.namespaceInfo?.name).toBe(env.TEMPORAL_NAMESPACE);
  });
});
