import { Injectable } from '@nestjs/common';
import { FeatureEventRegistry } from '@sanshe/messaging';

/**
 * Funding's features register their event handlers here (in onModuleInit) for its one Kafka consumer
 * (FundingConsumerController); governance.decision.decided, say, goes to grants and votes. The class is
 * the injection token; the behaviour is FeatureEventRegistry's.
 */
@Injectable()
export class FundingEventRegistry extends FeatureEventRegistry {}
