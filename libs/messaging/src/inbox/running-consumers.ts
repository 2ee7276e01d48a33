/** What LiveTopics asks of a running consumer (InboxKafkaServer). */
export interface TopicsTaker {
  consumeAlso(topics: string[], likeTopic: string): Promise<string[]>;
}

/**
 * The inbox consumers (InboxKafkaServer) of this process, by consumer group. Nest builds the transport
 * outside the module graph (app.connectMicroservice), so an injectable cannot be handed it; the group
 * names it instead: the service's inbox and its consumer group share one name. Tests may run several apps
 * in one process, each in a group of its own.
 */
const consumers = new Map<string, Set<TopicsTaker>>();

export const runningConsumers = {
  add(group: string, consumer: TopicsTaker): void {
    consumers.set(group, (consumers.get(group) ?? new Set()).add(consumer));
  },
  remove(group: string, consumer: TopicsTaker): void {
    const members = consumers.get(group);
    members?.delete(consumer);
    if (members?.size === 0) consumers.delete(group);
  },
  of(group: string): TopicsTaker[] {
    return [...(consumers.get(group) ?? [])];
  },
};
