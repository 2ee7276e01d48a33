import { type DynamicModule, Module } from '@nestjs/common';
import { InboxService } from './inbox/inbox.service';
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
    const providers = [{ provide: MESSAGING_OPTIONS, useValue: options }, writer, OutboxRelayService];
    const exported = [OutboxWriter, OutboxRelayService, ...(options.consumer ? [InboxService] : [])];
    return {
      module: MessagingModule,
      global: true,
      providers: options.consumer ? [...providers, InboxService] : providers,
      exports: exported,
    };
  }
}
