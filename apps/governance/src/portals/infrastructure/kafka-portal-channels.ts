import { Injectable } from '@nestjs/common';
import {
  type AclEntry,
  AclOperationTypes,
  AclPermissionTypes,
  type AclResource,
  AclResourceTypes,
  type Admin,
  ResourcePatternTypes,
} from 'kafkajs';
import { contextTopic, portalCommandsTopic, portalRepliesTopic } from '@sanshe/contracts';
import { ensureTopics, KafkaConnection, LiveTopics, topicOnWire } from '@sanshe/messaging';
import type { Portal } from '../domain/portal';
import { PortalChannels } from '../domain/portal-channels';

/** What every portal reads (the contexts' public topics), as infra/local/kafka/acls.json grants its portals. */
const PUBLIC_TOPICS = (['community', 'organization', 'talent', 'funding', 'governance'] as const).map(contextTopic);

/** The services that answer portal commands on its replies topic (acls.json's users; docs/decisions.md). */
export const REPLYING_SERVICES = ['User:governance', 'User:funding'];

/** The bridge's one handler reads every topic it consumes: a portal's commands are handled as these are. */
const BRIDGE_TOPIC = contextTopic('organization');

const literal = (resourceType: AclResourceTypes, resourceName: string): AclResource => ({
  resourceType,
  resourceName,
  resourcePatternType: ResourcePatternTypes.LITERAL,
});

const allow = (principal: string, operation: AclOperationTypes, on: AclResource): AclEntry => ({
  ...on,
  principal,
  host: '*',
  operation,
  permissionType: AclPermissionTypes.ALLOW,
});

/**
 * The ACLs a registered portal needs, as acls.json grants its portals: its principal writes its commands
 * topic (and, its producer being idempotent, IDEMPOTENT_WRITE on the cluster), reads the public topics and
 * its replies (READ, and DESCRIBE_CONFIGS for the timestamp type), joins the groups named after its user
 * (`portal-street-xinhua*`); each replying service writes its replies topic. Nothing else: a portal never
 * writes another's topic or a service's.
 */
export function portalAcls(portal: Pick<Portal, 'portalId' | 'kafkaPrincipal'>): AclEntry[] {
  const principal = portal.kafkaPrincipal;
  const user = principal.slice(principal.indexOf(':') + 1);
  const topic = (name: string) => literal(AclResourceTypes.TOPIC, name);
  const replies = portalRepliesTopic(portal.portalId);
  return [
    allow(principal, AclOperationTypes.IDEMPOTENT_WRITE, literal(AclResourceTypes.CLUSTER, 'kafka-cluster')),
    allow(principal, AclOperationTypes.WRITE, topic(portalCommandsTopic(portal.portalId))),
    ...[...PUBLIC_TOPICS, replies].flatMap((name) => [
      allow(principal, AclOperationTypes.READ, topic(name)),
      allow(principal, AclOperationTypes.DESCRIBE_CONFIGS, topic(name)),
    ]),
    allow(principal, AclOperationTypes.READ, {
      resourceType: AclResourceTypes.GROUP,
      resourceName: user,
      resourcePatternType: ResourcePatternTypes.PREFIXED,
    }),
    ...replyingServicesAcls(portal.portalId),
  ];
}

/** The replying services' WRITE on a portal's replies topic: all a portal heard without registering needs. */
export const replyingServicesAcls = (portalId: string): AclEntry[] =>
  REPLYING_SERVICES.map((service) =>
    allow(service, AclOperationTypes.WRITE, literal(AclResourceTypes.TOPIC, portalRepliesTopic(portalId))),
  );

/** The ACLs with each topic named as on the wire (KAFKA_TOPIC_PREFIX before it): where the clients really go. */
export const aclsOnWire = (acls: AclEntry[], topicPrefix: string | undefined): AclEntry[] =>
  acls.map((a) =>
    a.resourceType === AclResourceTypes.TOPIC ? { ...a, resourceName: topicOnWire(topicPrefix, a.resourceName) } : a,
  );

const aclKey = (a: AclEntry) =>
  [a.principal, a.host, a.operation, a.permissionType, a.resourceType, a.resourceName, a.resourcePatternType].join('|');

/**
 * Creates those of `wanted` the broker does not hold yet — described first, per principal — and deletes
 * nothing (a principal's other grants are not this registry's). Returns what it created: [] the second time.
 */
export async function grantMissingAcls(admin: Admin, wanted: AclEntry[]): Promise<AclEntry[]> {
  const held = new Set<string>();
  for (const principal of new Set(wanted.map((a) => a.principal))) {
    const { resources } = await admin.describeAcls({
      resourceType: AclResourceTypes.ANY,
      resourcePatternType: ResourcePatternTypes.ANY,
      operation: AclOperationTypes.ANY,
      permissionType: AclPermissionTypes.ANY,
      principal,
    });
    for (const { acls, ...on } of resources) for (const acl of acls) held.add(aclKey({ ...on, ...acl }));
  }
  const missing = wanted.filter((a) => !held.has(aclKey(a)));
  if (missing.length > 0) await admin.createAcls({ acl: missing });
  return missing;
}

/**
 * PortalChannels on Kafka: creates the portal's commands and replies topics (LogAppendTime, as every
 * topic: ensureTopics); when the service logs in to Kafka (security configured), grants the portal's and
 * the replying services' ACLs (portalAcls); then the decision bridge consumes the commands topic, without
 * a restart (LiveTopics). Each step is idempotent, so PortalChannelOpener may retry or repeat it.
 */
@Injectable()
export class KafkaPortalChannels extends PortalChannels {
  constructor(
    private readonly kafka: KafkaConnection,
    private readonly liveTopics: LiveTopics,
  ) {
    super();
  }

  async open(portal: Portal): Promise<void> {
    const commands = portalCommandsTopic(portal.portalId);
    await this.ensure([commands, portalRepliesTopic(portal.portalId)]);
    await this.grant(portalAcls(portal));
    await this.liveTopics.consumeAlso([commands], BRIDGE_TOPIC);
  }

  async openReplies(portalIds: readonly string[]): Promise<void> {
    if (portalIds.length === 0) return;
    await this.ensure(portalIds.map(portalRepliesTopic));
    await this.grant(portalIds.flatMap(replyingServicesAcls));
  }

  /** Only when the service logs in to Kafka (security configured): a broker without logins has no ACLs. */
  private async grant(acls: AclEntry[]): Promise<void> {
    if (!this.kafka.options.security?.sasl) return;
    const admin = this.kafka.kafka.admin();
    await admin.connect();
    try {
      await grantMissingAcls(admin, aclsOnWire(acls, this.kafka.options.topicPrefix));
    } finally {
      await admin.disconnect();
    }
  }

  private ensure(topics: string[]): Promise<void> {
    const { brokers, security, topicPrefix } = this.kafka.options;
    return ensureTopics({ brokers, topicPrefix, ...(security ? { security } : {}) }, topics);
  }
}
