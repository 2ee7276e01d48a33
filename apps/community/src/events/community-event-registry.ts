import { Injectable } from '@nestjs/common';
import { FeatureEventRegistry } from '@sanshe/messaging';

/**
 * The community's features register their event handlers here (in onModuleInit) for its one Kafka
 * consumer (CommunityConsumerController); decision.decided, say, goes to votes, needs and overview.
 * The class is the injection token; the behaviour is FeatureEventRegistry's.
 */
@Injectable()
export class CommunityEventRegistry extends FeatureEventRegistry {}
