import type { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { SEARCH_ATTRIBUTES } from '@sanshe/contracts';

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
