import type { LoggingOptions } from '@sanshe/nest-platform';
import { type ServiceFeaturesUnderTest, startServiceFeaturesUnderTest } from '@sanshe/service-testing';
import { migrations } from '../migrations';
import { COMMUNITY_CONSUMER, communityFeatureModules } from '../src/app.module';
import { loadCommunityConfig } from '../src/config/community-config';
import { COMMUNITY_TOPICS } from '../src/events/community-consumer.controller';

export type CommunityUnderTest = ServiceFeaturesUnderTest;

/**
 * The community service's real features on the real PostgreSQL (a migrated schema of the test's own)
 * and the real Kafka (a consumer group of its own, and the real topics), over HTTP on a free port.
 * The outbox relay runs too, so what the service publishes reaches Kafka.
 */
export function startCommunityUnderTest(
  options: { env?: Record<string, string>; logging?: LoggingOptions } = {},
): Promise<CommunityUnderTest> {
  return startServiceFeaturesUnderTest(
    {
      service: 'community',
      migrations,
      topics: COMMUNITY_TOPICS,
      consumer: COMMUNITY_CONSUMER,
      featureModules: (env) => communityFeatureModules(loadCommunityConfig(env)),
    },
    options,
  );
}
