import { aclConsumeMismatches } from '@sanshe/testing';
import { TALENT_TOPICS } from './talent-consumer.controller';

describe("the talent service's consumed topics", () => {
  it('are exactly what the Kafka ACL file lets it read (infra/local/kafka/acls.json)', () => {
    expect(aclConsumeMismatches('talent', TALENT_TOPICS)).toEqual([]);
  });
});
