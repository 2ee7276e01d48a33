import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type Admin,
  type AclEntry,
  type AclResource,
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  ResourcePatternTypes,
} from 'kafkajs';
import { sleep } from '@sanshe/common';
import { TEST_ISOLATION } from '@sanshe/config';
import { BROKER_TIME_TOPIC_CONFIG } from '@sanshe/messaging';
import { InfraError } from './errors';
import { INFRA_SRC_DIR } from './paths';

/** One user of the secured broker, as the declarative file infra/local/kafka/acls.json names it. */
export interface KafkaPrincipalGrant {
  user: string;
  kind: 'service' | 'portal' | 'tool';
  /** Topics it writes; a name ending in '*' is a prefix. */
  produce: string[];
  /** Topics it reads. */
  consume: string[];
  /** Consumer groups it joins and commits offsets in. */
  groups: string[];
  /** Topics it may create (governance: a registered portal's two topics). */
  create?: string[];
  /** Reads and creates ACLs (governance: a registered portal's grants). */
  manageAcls?: boolean;
}

export const ACL_FILE = join(INFRA_SRC_DIR, 'kafka', 'acls.json');

export function loadAclFile(file = ACL_FILE): KafkaPrincipalGrant[] {
  const { principals } = JSON.parse(readFileSync(file, 'utf8')) as { principals?: KafkaPrincipalGrant[] };
  if (!Array.isArray(principals)) throw new InfraError('kafka', `${file}: "principals" must be a list`);
  const seen = new Set<string>();
  for (const p of principals) {
    if (!/^[a-z][a-z0-9-]*$/.test(p.user ?? '')) throw new InfraError('kafka', `${file}: bad user "${p.user}"`);
    if (p.user === 'admin' || seen.has(p.user))
      throw new InfraError('kafka', `${file}: user "${p.user}" twice or reserved`);
    seen.add(p.user);
    for (const key of ['produce', 'consume', 'groups'] as const) {
      if (!Array.isArray(p[key])) throw new InfraError('kafka', `${file}: ${p.user}.${key} must be a list`);
    }
    if (p.create !== undefined && !Array.isArray(p.create))
      throw new InfraError('kafka', `${file}: ${p.user}.create must be a list`);
    if (p.manageAcls !== undefined && typeof p.manageAcls !== 'boolean')
      throw new InfraError('kafka', `${file}: ${p.user}.manageAcls must be true or false`);
  }
  return principals;
}

/**
 * The topic prefixes (KAFKA_TOPIC_PREFIX) the file's grants are applied for: the platform's own names and the test
 * suite's, so that a service the tests start as itself may use `test.sanshe.…` exactly as it may use `sanshe.…`
 * (docs/testing.md, "Tests keep to themselves"). Consumer groups are not prefixed.
 */
export const ACL_TOPIC_PREFIXES: readonly string[] = ['', TEST_ISOLATION.kafkaTopicPrefix];

/** Each grant's topics (produce, consume, create) once per prefix. */
export function withTopicPrefixes(
  grants: KafkaPrincipalGrant[],
  prefixes: readonly string[] = ACL_TOPIC_PREFIXES,
): KafkaPrincipalGrant[] {
  const each = (topics: string[]) => prefixes.flatMap((prefix) => topics.map((topic) => `${prefix}${topic}`));
  return grants.map((g) => ({
    ...g,
    produce: each(g.produce),
    consume: each(g.consume),
    ...(g.create ? { create: each(g.create) } : {}),
  }));
}

const principalOf = (user: string) => `User:${user}`;

function resource(type: AclResourceTypes, name: string) {
  return name.endsWith('*')
    ? { resourceType: type, resourceName: name.slice(0, -1), resourcePatternType: ResourcePatternTypes.PREFIXED }
    : { resourceType: type, resourceName: name, resourcePatternType: ResourcePatternTypes.LITERAL };
}

function allow(user: string, operation: AclOperationTypes, on: AclResource): AclEntry {
  return { ...on, principal: principalOf(user), host: '*', operation, permissionType: AclPermissionTypes.ALLOW };
}

const CLUSTER = {
  resourceType: AclResourceTypes.CLUSTER,
  resourceName: 'kafka-cluster',
  resourcePatternType: ResourcePatternTypes.LITERAL,
};

/**
 * The ACL entries the file grants (WRITE and READ imply DESCRIBE). A user that writes also gets IDEMPOTENT_WRITE
 * on the cluster: the platform's producers are idempotent, and without it the broker refuses their producer id
 * (CLUSTER_AUTHORIZATION_FAILED, seen on Kafka 4.1 with kafkajs) before any topic is checked.
 */
export function aclEntries(grants: KafkaPrincipalGrant[]): AclEntry[] {
  return grants.flatMap((g) => [
    ...(g.produce.length ? [allow(g.user, AclOperationTypes.IDEMPOTENT_WRITE, CLUSTER)] : []),
    ...g.produce.map((t) => allow(g.user, AclOperationTypes.WRITE, resource(AclResourceTypes.TOPIC, t))),
    ...g.consume.flatMap((t) => [
      allow(g.user, AclOperationTypes.READ, resource(AclResourceTypes.TOPIC, t)),
      // ensureTopics reads a consumed topic's timestamp type (libs/messaging, broker-time.ts)
      allow(g.user, AclOperationTypes.DESCRIBE_CONFIGS, resource(AclResourceTypes.TOPIC, t)),
    ]),
    ...g.groups.map((group) => allow(g.user, AclOperationTypes.READ, resource(AclResourceTypes.GROUP, group))),
    ...(g.create ?? []).map((t) => allow(g.user, AclOperationTypes.CREATE, resource(AclResourceTypes.TOPIC, t))),
    ...(g.manageAcls
      ? [allow(g.user, AclOperationTypes.DESCRIBE, CLUSTER), allow(g.user, AclOperationTypes.ALTER, CLUSTER)]
      : []),
  ]);
}

/** The topics infra/local creates (the broker auto-creates none): every literal topic someone writes. */
export const topicsToCreate = (grants: KafkaPrincipalGrant[]) => [
  ...new Set(grants.flatMap((g) => g.produce).filter((t) => !t.endsWith('*'))),
];

const aclKey = (a: AclEntry) =>
  [a.principal, a.host, a.operation, a.permissionType, a.resourceType, a.resourceName, a.resourcePatternType].join('|');

/**
 * A WRITE on one portal's replies topic: governance's portal registry grants it to the replying services when
 * it registers a portal (apps/governance/src/portals), so the file does not own it and never deletes it.
 */
const REGISTRY_REPLIES_TOPIC = /^(?:[a-z0-9][a-z0-9-]*\.)*sanshe\.portal\.[a-z0-9][a-z0-9-]*\.replies$/;
const isRegistryGrant = (a: AclEntry) =>
  a.resourceType === AclResourceTypes.TOPIC &&
  a.resourcePatternType === ResourcePatternTypes.LITERAL &&
  a.operation === AclOperationTypes.WRITE &&
  REGISTRY_REPLIES_TOPIC.test(a.resourceName);

/** What to create and what to delete so that the users named in the file hold exactly its ACLs. */
export function aclDifference(desired: AclEntry[], current: AclEntry[], managedUsers: string[]) {
  const managed = new Set(managedUsers.map(principalOf));
  const mine = current.filter((a) => managed.has(a.principal));
  const have = new Set(mine.map(aclKey));
  const want = new Set(desired.map(aclKey));
  return {
    create: desired.filter((a) => !have.has(aclKey(a))),
    remove: mine.filter((a) => !want.has(aclKey(a)) && !isRegistryGrant(a)),
  };
}

async function currentAcls(admin: Admin): Promise<AclEntry[]> {
  const { resources } = await admin.describeAcls({
    resourceType: AclResourceTypes.ANY,
    resourcePatternType: ResourcePatternTypes.ANY,
    operation: AclOperationTypes.ANY,
    permissionType: AclPermissionTypes.ANY,
  });
  return resources.flatMap(({ acls, ...on }) => acls.map((acl) => ({ ...on, ...acl })));
}

/**
 * Makes the broker match the file, as a super user: creates the missing topics, then the missing ACLs, and
 * deletes the ACLs of the file's users that it no longer grants. Running it again changes nothing. The file's
 * topics are applied once per prefix of `prefixes` (withTopicPrefixes).
 */
export async function applyAclFile(
  admin: Admin,
  fileGrants: KafkaPrincipalGrant[],
  prefixes: readonly string[] = ACL_TOPIC_PREFIXES,
) {
  const grants = withTopicPrefixes(fileGrants, prefixes);
  const existing = new Set(await admin.listTopics());
  const topics = topicsToCreate(grants).filter((t) => !existing.has(t));
  if (topics.length) {
    await admin.createTopics({
      topics: topics.map((topic) => ({ topic, numPartitions: 3, configEntries: BROKER_TIME_TOPIC_CONFIG })),
      waitForLeaders: true,
    });
  }
  const difference = async () =>
    aclDifference(
      aclEntries(grants),
      await currentAcls(admin),
      grants.map((g) => g.user),
    );
  const { create, remove } = await difference();
  if (create.length) await admin.createAcls({ acl: create });
  if (remove.length) await admin.deleteAcls({ filters: remove });
  if (create.length || remove.length) await untilApplied(difference);
  return { topicsCreated: topics, aclsCreated: create.length, aclsDeleted: remove.length };
}

/**
 * The controller commits ACLs before the broker applies them; a client that came right after was refused
 * (a producer id: CLUSTER_AUTHORIZATION_FAILED). The broker answers DescribeAcls from its own authorizer, so
 * once it shows no difference, the broker enforces the file.
 */
async function untilApplied(difference: () => Promise<{ create: AclEntry[]; remove: AclEntry[] }>) {
  const giveUpAt = Date.now() + 15_000;
  for (;;) {
    const { create, remove } = await difference();
    if (!create.length && !remove.length) return;
    if (Date.now() > giveUpAt) {
      throw new InfraError(
        'kafka',
        `ACLs not applied by the broker after 15 s: ${create.length} missing, ${remove.length} extra`,
      );
    }
    await sleep(100);
  }
}
