import { type ServiceFeaturesUnderTest, startServiceFeaturesUnderTest } from '@sanshe/service-testing';
import { migrations } from '../migrations';
import { PUBLIC_WEB_CONSUMER, publicWebFeatureModules } from '../src/app.module';
import { PUBLIC_WEB_TOPICS } from '../src/transparency/interface/events/public-events.controller';

export type PublicWebUnderTest = ServiceFeaturesUnderTest & {
  /** Its consumer group (also its dead letters' topic: sanshe.dlq.<group>). */
  group: string;
};

/**
 * public-web's real features on the real PostgreSQL (a migrated schema of the test's own) and the real Kafka (a
 * consumer group of its own, from the topics' current ends), over HTTP on a free port.
 */
export async function startPublicWebUnderTest(): Promise<PublicWebUnderTest> {
  const svc = await startServiceFeaturesUnderTest({
    service: 'public-web',
    migrations,
    topics: PUBLIC_WEB_TOPICS,
    consumer: PUBLIC_WEB_CONSUMER,
    featureModules: () => publicWebFeatureModules(),
  });
  // The kit names the schema after the group, dashes as underscores (a uuid slice has neither).
  return Object.assign(svc, { group: svc.schema.replace(/_/g, '-') });
}
