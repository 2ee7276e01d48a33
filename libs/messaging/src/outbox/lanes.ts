/**
 * Rows of the outbox are spread over lanes by partition key. A relay publishes only lanes it holds
 * (a transaction-scoped advisory lock), in position order, so every event of one key goes out in
 * the order it was written, even with several relays running.
 */
export const DEFAULT_LANES = 16;

/** FNV-1a: stable across processes and versions, unlike anything keyed on memory layout. */
export function laneOf(partitionKey: string, lanes: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < partitionKey.length; i++) {
    hash ^= partitionKey.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % lanes;
}

/** One advisory-lock class per schema, so two services sharing a database never block each other. */
export function lockClassOf(schema: string): number {
  return laneOf(`sanshe-outbox:${schema}`, 2 ** 31 - 1);
}
