import { Global, Module } from '@nestjs/common';
import { TalentConsumerController } from './talent-consumer.controller';
import { TalentEventRegistry } from './talent-event-registry';

/** The consumer and the registry every feature injects to register its event handlers. */
@Global()
@Module({
  controllers: [TalentConsumerController],
  providers: [TalentEventRegistry],
  exports: [TalentEventRegistry],
})
export class TalentEventsModule {}
