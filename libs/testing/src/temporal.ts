import { resolve } from 'node:path';
import type { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { SEARCH_ATTRIBUTES } from '@sanshe/contracts';
import { bundlerOptionsWithAliases } from '@sanshe/nest-platform/workflow-bundle';

const GRPC_UNIMPLEMENTED = 12;
const IndexedValueType = temporal.api.enums.v1.IndexedValueType;
const indexedType = {
  Keyword: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  KeywordList: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
  Int: IndexedValueType.INDEXED_VALUE_TYPE_INT,
  Datetime: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  Text: IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  Bool: IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  Double: IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
} as const;

/**
 * Registers Sanshe's search attributes that the namespace lacks, on the dev server (infra/local
 * calls this, since a persisted dev-server DB ignores new --search-attribute flags), the time-skipping
 * test server, or a cluster.
 */
export async function registerSearchAttributes(connection: Connection, namespace: string): Promise<void> {
  // The time-skipping test server implements AddSearchAttributes but not ListSearchAttributes.
  const missing = await connection.operatorService.listSearchAttributes({ namespace }).then(
    ({ customAttributes }) => Object.keys(SEARCH_ATTRIBUTES).filter((name) => !customAttributes?.[name]),
    (err: unknown) => {
      if ((err as { code?: number }).code === GRPC_UNIMPLEMENTED) return Object.keys(SEARCH_ATTRIBUTES);
      throw err;
    },
  );
  if (missing.length === 0) return;
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(
      missing.map((name) => [name, indexedType[SEARCH_ATTRIBUTES[name as keyof typeof SEARCH_ATTRIBUTES]]]),
    ),
  });
}

/** The time-skipping test server that infra/local fetched, with Sanshe's search attributes registered. */
export async function createTimeSkippingEnv(testServerPath: string): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: testServerPath } },
  });
  await registerSearchAttributes(env.connection, env.namespace ?? 'default');
  return env;
}

/**
 * Bundler options for a test worker or a replay: like governance's worker, the bundle resolves the
 * repository's `@sanshe/…` path aliases (workflow code imports `@sanshe/contracts/pure`).
 */
export const workflowBundlerOptions = () => ({
  webpackConfigHook: bundlerOptionsWithAliases(resolve(__dirname, '../../../tsconfig.base.json')),
});
