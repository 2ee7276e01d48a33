/**
 * A topic's logical name (libs/contracts: `sanshe.community.events`, `sanshe.dlq.<group>`, a test's own) and its
 * name on the wire: the process's topic prefix (KAFKA_TOPIC_PREFIX, `test.` in the test suite) before it. This
 * library is the boundary: every topic it produces to, subscribes to or creates goes through `topicOnWire`, and a
 * handler is told the logical name (`logicalTopic`), so services and contracts never see a prefix
 * (docs/events.md, "Topic prefix").
 */
export const topicOnWire = (prefix: string | undefined, logical: string): string => `${prefix ?? ''}${logical}`;

/** The logical name of a topic read on the wire: its prefix taken off (a name without it is left as it is). */
export const logicalTopic = (prefix: string | undefined, wire: string): string =>
  prefix && wire.startsWith(prefix) ? wire.slice(prefix.length) : wire;
