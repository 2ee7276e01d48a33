import { aclConsumeMismatches } from '@sanshe/testing';
import { COMMUNITY_TOPICS } from './community-consumer.controller';

describe("the community's consumed topics", () => {
  it('are exactly what the Kafka ACL file lets it read (infra/local/kafka/acls.json)', () => {
    expect(aclConsumeMismatches('community', COMMUNITY_TOPICS)).toEqual([]);
  });
});
