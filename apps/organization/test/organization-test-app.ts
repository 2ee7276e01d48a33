import { type ServiceFeaturesUnderTest, startServiceFeaturesUnderTest } from '@sanshe/service-testing';
import { migrations } from '../migrations';
import { ORGANIZATION_CONSUMER, organizationFeatureModules } from '../src/app.module';
import { loadOrganizationConfig } from '../src/config/organization-config';
import { ORGANIZATION_TOPICS } from '../src/events/organization-consumer.controller';

export type OrganizationUnderTest = ServiceFeaturesUnderTest;

/**
 * The organization service's real features on the real PostgreSQL (a migrated schema of the test's own)
 * and the real Kafka (a consumer group of its own, and the real topics), over HTTP on a free port.
 * The outbox relay runs too, so what the service publishes reaches Kafka.
 */
export function startOrganizationUnderTest(
  options: { env?: Record<string, string> } = {},
): Promise<OrganizationUnderTest> {
  return startServiceFeaturesUnderTest(
    {
      service: 'organization',
      migrations,
      topics: ORGANIZATION_TOPICS,
      consumer: ORGANIZATION_CONSUMER,
      featureModules: (env) => organizationFeatureModules(loadOrganizationConfig(env)),
    },
    options,
  );
}
