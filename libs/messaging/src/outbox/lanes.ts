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

const INT4_KEYS = 2 ** 31 - 1;

/** One advisory-lock class per schema, so two services sharing a database never block each other. */
export function lockClassOf(schema: string): number {
  return laneOf(`sanshe-outbox:${schema}`, INT4_KEYS);
}

/**
 * OutboxWriter locks a partition key in a class of its own per schema, apart from the relay's lanes,
 * so a writer never waits for a relay. Keys that hash alike only wait for each other: time, not order.
 */
export function keyLockClassOf(schema: string): number {
  return laneOf(`sanshe-outbox-key:${schema}`, INT4_KEYS);
}

export function keyLockOf(partitionKey: string): number {
  return laneOf(partitionKey, INT4_KEYS);
}
