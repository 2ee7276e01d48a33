import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { FundingConfig } from '../config/funding-config';
import { FundingConsumerController, fundingTopics } from './funding-consumer.controller';
import { FundingEventRegistry } from './funding-event-registry';

/** The consumer and the registry every feature injects to register its event handlers. */
@Global()
@Module({})
export class FundingEventsModule {
  static forRoot(funding: FundingConfig): DynamicModule {
    FundingConsumerController.consume(fundingTopics(funding));
    return {
      module: FundingEventsModule,
      controllers: [FundingConsumerController],
      providers: [FundingEventRegistry],
      exports: [FundingEventRegistry],
    };
  }
}
