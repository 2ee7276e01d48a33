/** KAFKA_TOPIC_PREFIX: empty, or segments of lowercase letters, digits and dashes, each ended by a dot (`test.`). */
export const KAFKA_TOPIC_PREFIX_PATTERN = /^(?:[a-z0-9][a-z0-9-]*\.)*$/;

/**
 * What the test suite uses so that it keeps to itself on the developer's servers (docs/testing.md, "Tests keep
 * to themselves"): a topic prefix, a database on the same PostgreSQL, a Temporal namespace (hence task queues of
 * its own). Jest's global setup sets them unless the environment already does; `infra:up` makes the database and
 * the namespace.
 */
export const TEST_ISOLATION = {
  kafkaTopicPrefix: 'test.',
  database: 'sanshe_test',
  temporalNamespace: 'sanshe-test',
} as const;
