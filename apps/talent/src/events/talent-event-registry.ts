import { Injectable } from '@nestjs/common';
import { FeatureEventRegistry } from '@sanshe/messaging';

/**
 * Talent's features register their event handlers here (in onModuleInit) for its one Kafka consumer
 * (TalentConsumerController); proposal.submitted, say, goes to staffing. The class is the injection
 * token; the behaviour is FeatureEventRegistry's.
 */
@Injectable()
export class TalentEventRegistry extends FeatureEventRegistry {}
