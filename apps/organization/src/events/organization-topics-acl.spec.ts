import { aclConsumeMismatches } from '@sanshe/testing';
import { ORGANIZATION_TOPICS } from './organization-consumer.controller';

describe("the organization service's consumed topics", () => {
  it('are exactly what the Kafka ACL file lets it read (infra/local/kafka/acls.json)', () => {
    expect(aclConsumeMismatches('organization', ORGANIZATION_TOPICS)).toEqual([]);
  });
});
