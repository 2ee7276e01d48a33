import { aclConsumeMismatches } from '@sanshe/testing';
import { bridgeTopics } from './decision-bridge.controller';

describe("governance's consumed topics", () => {
  it('are exactly what the Kafka ACL file lets it read, portals included (infra/local/kafka/acls.json)', () => {
    expect(aclConsumeMismatches('governance', bridgeTopics(['xuhui-civil-affairs', 'street-xinhua']))).toEqual([]);
  });
});
