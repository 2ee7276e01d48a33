import { Injectable } from '@nestjs/common';
import { FeatureEventRegistry } from '@sanshe/messaging';

/**
 * The organization's features register their event handlers here (in onModuleInit) for its one Kafka
 * consumer (OrganizationConsumerController); decision.decided, say, goes to votes and proposals.
 * The class is the injection token; the behaviour is FeatureEventRegistry's.
 */
@Injectable()
export class OrganizationEventRegistry extends FeatureEventRegistry {}
