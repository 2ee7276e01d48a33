import { aclConsumeMismatches, kafkaAclGrant } from '@sanshe/testing';
import { PUBLIC_WEB_TOPICS } from './public-events.controller';

describe("public-web's Kafka grants (infra/local/kafka/acls.json)", () => {
  it('let it read exactly the topics it consumes', () => {
    expect(aclConsumeMismatches('public-web', PUBLIC_WEB_TOPICS)).toEqual([]);
  });

  it('let it write nothing but its own dead letters, in its own group', () => {
    const grant = kafkaAclGrant('public-web');
    expect(grant.produce).toEqual(['sanshe.dlq.sanshe-public-web']);
    expect(grant.groups).toEqual(['sanshe-public-web']);
  });
});
