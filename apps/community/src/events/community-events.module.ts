import { Global, Module } from '@nestjs/common';
import { CommunityConsumerController } from './community-consumer.controller';
import { CommunityEventRegistry } from './community-event-registry';

/** The consumer and the registry every feature injects to register its event handlers. */
@Global()
@Module({
  controllers: [CommunityConsumerController],
  providers: [CommunityEventRegistry],
  exports: [CommunityEventRegistry],
})
export class CommunityEventsModule {}
