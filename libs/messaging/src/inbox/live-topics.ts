import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { errorMessage, retryWithBackoff } from '@sanshe/common';
import { InboxService } from './inbox.service';
import { runningConsumers } from './running-consumers';

/** consumeAlso was asked of a service whose consumer is not running (yet) in this process. */
export class ConsumerNotRunningError extends Error {
  override name = 'ConsumerNotRunningError';
}

/**
 * Lets a running service consume more topics without a restart — a portal registered at run time, say:
 * its commands topic is handled by the same @ConsumeTopic handler as a topic the service reads already
 * (InboxKafkaServer.consumeAlso: the consumer stops, subscribes to the union, runs again; nothing is lost
 * or applied twice). Provide it in the feature that needs it; it finds the service's consumer by the
 * inbox's consumer group.
 */
@Injectable()
export class LiveTopics implements OnApplicationShutdown {
  private readonly logger = new Logger('LiveTopics');
  private stopped = false;

  constructor(private readonly inbox: InboxService) {}

  /**
   * Consumes `topics` as `likeTopic` is consumed, from the beginning for a topic the group has no offset
   * of; resolves with those newly taken on. Throws ConsumerNotRunningError when the consumer has not
   * started. Never await it inside an event handler (the restart waits for the handler's batch): use
   * consumeAlsoSoon there.
   */
  async consumeAlso(topics: string[], likeTopic: string): Promise<string[]> {
    const consumers = runningConsumers.of(this.inbox.consumerGroup);
    if (consumers.length === 0)
      throw new ConsumerNotRunningError(`${this.inbox.consumerGroup} is not consuming yet: cannot take on ${topics}`);
    // Offsets committed before the group is left are not asked again after it rejoins.
    await this.inbox.commitApplied();
    const added = await Promise.all(consumers.map((consumer) => consumer.consumeAlso(topics, likeTopic)));
    await this.inbox.commitApplied(); // what finished while stopping (kafkajs refused it without a group)
    return [...new Set(added.flat())];
  }

  /**
   * consumeAlso, started after the current event handler returns and retried with backoff until it succeeds
   * or the app stops (a topic another service has yet to create, a consumer still starting). For handlers:
   * what they decided is in their table, so a restart after a crash finds it again.
   */
  consumeAlsoSoon(topics: string[], likeTopic: string): Promise<string[]> {
    const attempt = () => this.consumeAlso(topics, likeTopic);
    const taken = new Promise<void>((resolve) => setImmediate(resolve)).then(() =>
      retryWithBackoff(attempt, {
        initialDelayMs: 200,
        maxDelayMs: 10_000,
        stop: () => this.stopped,
        onRetry: (err, n) => this.logger.warn(`taking on ${topics.join(', ')} (try ${n}): ${errorMessage(err)}`),
      }),
    );
    taken.catch((err: unknown) => this.logger.error(`gave up taking on ${topics.join(', ')}: ${errorMessage(err)}`));
    return taken;
  }

  onApplicationShutdown(): void {
    this.stopped = true;
  }
}
