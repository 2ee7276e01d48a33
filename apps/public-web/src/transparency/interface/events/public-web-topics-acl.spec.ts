import { aclConsumeMismatches, kafkaAclGrant } from '@sanshe/testing';
import { PUBLIC_WEB_TOPICS } from './public-events.controller';

describe("public-web's Kafka grants (infra/local/kafka/acls.json)", () => {
  it('let it read exactly the topics it consumes', () => {
    expect(aclConsumeMismatches('public-web', PUBLIC_WEB_TOPICS)).toEqual([]);
  });

  it('let it write nothing but its groups’ dead letters: it publishes no event', () => {
    const grant = kafkaAclGrant('public-web');
    expect(grant.produce).toEqual(['sanshe.dlq.sanshe-public-web*']);
    // Any group beginning with its own (a test's, a second deployment's), as the other services.
    expect(grant.groups).toEqual(['sanshe-public-web*']);
  });
});
