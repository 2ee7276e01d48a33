import { type DynamicModule, Module } from '@nestjs/common';
import { InboxService } from './inbox/inbox.service';
import { MessagingMetrics } from './messaging-metrics';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging-options';
import { OutboxRelayService } from './outbox/outbox-relay.service';
import { OutboxWriter } from './outbox/outbox-writer';

/**
 * What a service publishes and consumes with: OutboxWriter and OutboxRelayService always, and
 * InboxService when `consumer` is set. The app provides HealthModule, KafkaModule and
 * PostgresModule (the default data source).
 */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    const writer = {
      provide: OutboxWriter,
      useValue: new OutboxWriter({ schema: options.schema, source: options.source, topicFor: options.topicFor }),
    };
    // MessagingMetrics: the outbox's and inbox's series, when the app has a MetricsModule.
    const providers = [{ provide: MESSAGING_OPTIONS, useValue: options }, writer, OutboxRelayService, MessagingMetrics];
    const exported = [OutboxWriter, OutboxRelayService, ...(options.consumer ? [InboxService] : [])];
    return {
      module: MessagingModule,
      global: true,
      providers: options.consumer ? [...providers, InboxService] : providers,
      exports: exported,
    };
  }
}
