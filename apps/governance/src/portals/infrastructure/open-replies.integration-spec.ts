import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } from 'kafkajs';
import { portalRepliesTopic } from '@sanshe/contracts';
import type { KafkaConnection, LiveTopics } from '@sanshe/messaging';
import { testKafka, testKafkaEndpoint, uniqueName } from '@sanshe/testing';
import { KafkaPortalChannels } from './kafka-portal-channels';

/**
 * On the real (secured) local broker: a portal heard only through configuration gets a replies topic that the
 * replying services may write, or governance's replies to it would wait in the outbox, holding back the relay.
 */
describe('KafkaPortalChannels.openReplies (real Kafka)', () => {
  const endpoint = testKafkaEndpoint();
  const kafka = testKafka('heard-portal-replies-test');
  const portalId = uniqueName('heard').toLowerCase();
  const topic = portalRepliesTopic(portalId);

  it('makes the replies topic and, on a broker with logins, lets governance and funding write it', async () => {
    if (!endpoint.security.sasl) throw new Error('this test needs the secured broker (docs/testing.md)');
    const connection = { options: { brokers: endpoint.brokers, security: endpoint.security }, kafka };
    const channels = new KafkaPortalChannels(connection as unknown as KafkaConnection, {} as LiveTopics);
    await channels.openReplies([portalId]);
    await channels.openReplies([portalId]); // again: nothing more

    const admin = kafka.admin();
    await admin.connect();
    try {
      expect(await admin.listTopics()).toContain(topic);
      const { resources } = await admin.describeAcls({
        resourceType: AclResourceTypes.TOPIC,
        resourceName: topic,
        resourcePatternType: ResourcePatternTypes.LITERAL,
        operation: AclOperationTypes.ANY,
        permissionType: AclPermissionTypes.ANY,
      });
      const grants = resources.flatMap((r) => r.acls.map((a) => `${a.principal} ${a.operation}`)).sort();
      expect(grants).toEqual([`User:funding ${AclOperationTypes.WRITE}`, `User:governance ${AclOperationTypes.WRITE}`]);
    } finally {
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      const ofTopic = { resourceType: AclResourceTypes.TOPIC, resourceName: topic };
      const anyAcl = { operation: AclOperationTypes.ANY, permissionType: AclPermissionTypes.ANY };
      await admin.deleteAcls({
        filters: [{ ...ofTopic, ...anyAcl, resourcePatternType: ResourcePatternTypes.LITERAL }],
      });
      await admin.disconnect();
    }
  });
});
