/**
 * The consuming service of measurement (c), in its own process as in production: a Nest app on the
 * Kafka transport with InboxService, applying each event (inbox row + read-model upsert) and
 * reporting to the bench every 100 ms how many it applied and their end-to-end latencies.
 */
import './bench-tracing'; // first: (d) traces this process too (BENCH_TRACED=1)
import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, type KafkaContext, Payload } from '@nestjs/microservices';
import { ConsumeTopic, InboxService, KafkaModule, kafkaConsumerTransport, MessagingModule } from '@sanshe/messaging';
import { HealthModule } from '@sanshe/nest-platform';
import { PostgresModule } from '@sanshe/persistence';
import { upsertProposalSql } from './pipeline-schema';
import type { KafkaClientSecurity } from '@sanshe/config';

const cfg = JSON.parse(process.env.BENCH_CONSUMER ?? '{}') as {
  schema: string;
  topic: string;
  databaseUrl: string;
  brokers: string[];
  security: KafkaClientSecurity;
  partitions: number;
  connections: number;
};
const nowMs = () => performance.timeOrigin + performance.now();
const groupId = `bench-consumer-${cfg.schema}`;
let latenciesMs: number[] = [];
const upsertProposal = upsertProposalSql(cfg.schema);

@Controller()
class ProposalReadModel {
  constructor(private readonly inbox: InboxService) {}

  @ConsumeTopic(cfg.topic)
  async onEvent(@Payload() _raw: Buffer, @Ctx() context: KafkaContext) {
    let sentAtMs = 0;
    await this.inbox.consume(context, {
      'sanshe.organization.proposal.submitted.v1': async (event, manager) => {
        sentAtMs = (event.data as { sentAtMs?: number }).sentAtMs ?? 0;
        await manager.query(upsertProposal, [`read-${event.subject}`, JSON.stringify(event.data)]);
      },
    });
    if (sentAtMs) latenciesMs.push(nowMs() - sentAtMs); // after the inbox transaction committed
  }
}

@Module({
  imports: [
    HealthModule,
    PostgresModule.forRootAsync({
      useFactory: () => ({ url: cfg.databaseUrl, schema: cfg.schema, poolSize: cfg.connections }),
    }),
    KafkaModule.forRootAsync({
      useFactory: () => ({ clientId: groupId, brokers: cfg.brokers, security: cfg.security }),
    }),
    MessagingModule.forRoot({
      schema: cfg.schema,
      source: 'sanshe/bench',
      relay: { enabled: false },
      consumer: { consumer: groupId },
    }),
  ],
  controllers: [ProposalReadModel],
})
class BenchConsumerModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create(BenchConsumerModule, { logger: ['error'] });
  app.connectMicroservice(
    kafkaConsumerTransport({
      brokers: cfg.brokers,
      security: cfg.security,
      clientId: groupId,
      groupId,
      partitionsConsumedConcurrently: cfg.partitions,
    }),
  );
  await app.startAllMicroservices();
  await app.init();
  const inbox = app.get(InboxService);
  const report = () => {
    const { processed, duplicate } = inbox.processor.counts;
    process.send?.({ count: processed, duplicates: duplicate, latenciesMs });
    latenciesMs = [];
  };
  const timer = setInterval(report, 100);
  process.send?.({ ready: true });
  process.on('message', (message) => {
    if (message !== 'stop') return;
    clearInterval(timer);
    report();
    void app.close().then(() => process.exit(0));
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
