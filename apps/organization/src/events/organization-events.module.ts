import { Global, Module } from '@nestjs/common';
import { OrganizationConsumerController } from './organization-consumer.controller';
import { OrganizationEventRegistry } from './organization-event-registry';

/** The consumer and the registry every feature injects to register its event handlers. */
@Global()
@Module({
  controllers: [OrganizationConsumerController],
  providers: [OrganizationEventRegistry],
  exports: [OrganizationEventRegistry],
})
export class OrganizationEventsModule {}
