import { type ServiceFeaturesUnderTest, startServiceFeaturesUnderTest } from '@sanshe/service-testing';
import { migrations } from '../migrations';
import { FUNDING_CONSUMER, fundingFeatureModules } from '../src/app.module';
import { loadFundingConfig } from '../src/config/funding-config';
import { fundingTopics } from '../src/events/funding-consumer.controller';
import { FundingEventRegistry } from '../src/events/funding-event-registry';

export type FundingUnderTest = ServiceFeaturesUnderTest & {
  /** The registry the features registered their event handlers in (which features handle a type). */
  registry: FundingEventRegistry;
};

/**
 * The funding service's real features on the real PostgreSQL (a migrated schema of the test's own) and
 * the real Kafka (a consumer group of its own, and the real topics, with the commands topics of
 * FUNDING_PORTALS from `env`), over HTTP on a free port. The outbox relay runs too, so what the service
 * publishes reaches Kafka. No Temporal worker: only the service process polls funding's task queue.
 */
export async function startFundingUnderTest(options: { env?: Record<string, string> } = {}): Promise<FundingUnderTest> {
  const funding = loadFundingConfig({ ...process.env, ...options.env });
  const svc = await startServiceFeaturesUnderTest(
    {
      service: 'funding',
      migrations,
      topics: fundingTopics(funding),
      consumer: FUNDING_CONSUMER,
      featureModules: (env) => fundingFeatureModules(loadFundingConfig(env)),
    },
    options,
  );
  return Object.assign(svc, { registry: svc.app.get(FundingEventRegistry) });
}
