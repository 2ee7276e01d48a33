import { type ServiceFeaturesUnderTest, startServiceFeaturesUnderTest } from '@sanshe/service-testing';
import { migrations } from '../migrations';
import { TALENT_CONSUMER, talentFeatureModules } from '../src/app.module';
import { loadTalentConfig } from '../src/config/talent-config';
import { TALENT_TOPICS } from '../src/events/talent-consumer.controller';

export type TalentUnderTest = ServiceFeaturesUnderTest;

/**
 * The talent service's real features on the real PostgreSQL (a migrated schema of the test's own) and
 * the real Kafka (a consumer group of its own, and the real topics), over HTTP on a free port. The
 * outbox relay runs too, so what the service publishes reaches Kafka.
 */
export function startTalentUnderTest(options: { env?: Record<string, string> } = {}): Promise<TalentUnderTest> {
  return startServiceFeaturesUnderTest(
    {
      service: 'talent',
      migrations,
      topics: TALENT_TOPICS,
      consumer: TALENT_CONSUMER,
      featureModules: (env) => talentFeatureModules(loadTalentConfig(env)),
    },
    options,
  );
}
