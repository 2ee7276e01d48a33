/** What portal-sim needs of Kafka; kafka-portal-transport.ts is the real one, the tests use a fake. */
export interface PortalTransport {
  /** Those of `topics` that exist on the broker now. */
  existingTopics(topics: string[]): Promise<string[]>;
  /**
   * Reads `topics` (which exist) from their beginnings, or from their ends as they are when called, handing each
   * record's value to `onRecord` until the reading is stopped. Resolves once the positions are fixed: a record
   * written after that is seen.
   */
  read(topics: string[], from: 'beginning' | 'end', onRecord: (topic: string, value: string) => void): Promise<Reading>;
  /** Writes one record, keyed (the event's subject: its partition). */
  send(topic: string, key: string, value: string): Promise<void>;
  close(): Promise<void>;
}

export interface Reading {
  stop(): Promise<void>;
}
