import { aclConsumeMismatches } from '@sanshe/testing';
import { fundingTopics } from './funding-consumer.controller';

describe("the funding service's consumed topics", () => {
  it('are exactly what the Kafka ACL file lets it read, portals included (infra/local/kafka/acls.json)', () => {
    const topics = fundingTopics({ FUNDING_PORTALS: ['xuhui-civil-affairs', 'street-xinhua'] });
    expect(aclConsumeMismatches('funding', topics)).toEqual([]);
  });

  it('a topic the file does not grant is named', () => {
    expect(
      aclConsumeMismatches('funding', [...fundingTopics({ FUNDING_PORTALS: [] }), 'sanshe.talent.events']),
    ).toEqual(['not granted: sanshe.talent.events', 'granted, not consumed: sanshe.portal.*']);
  });
});
