import { type AclEntry, AclOperationTypes, AclResourceTypes, ResourcePatternTypes } from 'kafkajs';
import { aclEntries, type KafkaPrincipalGrant, loadAclFile, topicsToCreate, withTopicPrefixes } from './kafka-acls';

/**
 * docker-compose's secured broker (profile `secure`) is provisioned by a one-shot container of the Kafka image
 * running a shell script: it has Kafka's tools but no Node. The script is generated from the same ACL file and
 * the same ACL entries as infra/local's applier (kafka-acls.ts), committed as infra/compose/kafka-secure-setup.sh,
 * and infra/docker-compose.spec.ts fails when the two drift apart. Regenerate it with
 * `node -r @swc-node/register infra/local/compose-kafka-setup.ts > infra/compose/kafka-secure-setup.sh`.
 */
export const COMPOSE_KAFKA_INTERNAL = 'kafka-secure:9094';

/** kafka-acls.sh's names for the operations kafka-acls.ts grants. */
const OPERATION: Partial<Record<AclOperationTypes, string>> = {
  [AclOperationTypes.WRITE]: 'Write',
  [AclOperationTypes.READ]: 'Read',
  [AclOperationTypes.DESCRIBE_CONFIGS]: 'DescribeConfigs',
  [AclOperationTypes.IDEMPOTENT_WRITE]: 'IdempotentWrite',
  [AclOperationTypes.CREATE]: 'Create',
  [AclOperationTypes.DESCRIBE]: 'Describe',
  [AclOperationTypes.ALTER]: 'Alter',
};

const RESOURCE_FLAG: Partial<Record<AclResourceTypes, string>> = {
  [AclResourceTypes.TOPIC]: '--topic',
  [AclResourceTypes.GROUP]: '--group',
};

/**
 * The entries as few kafka-acls.sh calls as give exactly them (each call grants every operation it names on
 * every resource it names: a JVM start each, so the entries of one principal and pattern type are merged
 * where the product is still exactly the entries).
 */
function aclCommands(acls: AclEntry[]): string[] {
  const byResource = new Map<string, { acl: AclEntry; operations: string[] }>();
  for (const acl of acls) {
    const operation = OPERATION[acl.operation];
    if (!operation) throw new Error(`no kafka-acls.sh form for operation ${acl.operation}`);
    const key = [acl.principal, acl.resourceType, acl.resourcePatternType, acl.resourceName].join('|');
    const entry = byResource.get(key) ?? { acl, operations: [] };
    entry.operations.push(operation);
    byResource.set(key, entry);
  }
  const calls = new Map<string, { acl: AclEntry; operations: string[]; names: string[] }>();
  for (const { acl, operations } of byResource.values()) {
    const key = [acl.principal, acl.resourceType, acl.resourcePatternType, operations.join(',')].join('|');
    const call = calls.get(key) ?? { acl, operations, names: [] };
    call.names.push(acl.resourceName);
    calls.set(key, call);
  }
  return [...calls.values()].map(({ acl, operations, names }) => {
    const ops = operations.map((o) => `--operation ${o}`).join(' ');
    if (acl.resourceType === AclResourceTypes.CLUSTER)
      return `acl --allow-principal '${acl.principal}' ${ops} --cluster`;
    const flag = RESOURCE_FLAG[acl.resourceType];
    if (!flag) throw new Error(`no kafka-acls.sh form for resource type ${acl.resourceType}`);
    const pattern =
      acl.resourcePatternType === ResourcePatternTypes.PREFIXED ? ' --resource-pattern-type prefixed' : '';
    return `acl --allow-principal '${acl.principal}' ${ops} ${names.map((n) => `${flag} '${n}'`).join(' ')}${pattern}`;
  });
}

/**
 * The provisioning script for `fileGrants`: users with generated passwords, the written topics, the ACLs — the
 * topics once per prefix, as infra/local applies them (withTopicPrefixes: the platform's names and the tests').
 */
export function composeKafkaSetupScript(fileGrants: KafkaPrincipalGrant[]): string {
  const grants = withTopicPrefixes(fileGrants);
  const users = ['admin', ...grants.map((g) => g.user)];
  return [
    '#!/bin/sh',
    '# GENERATED from infra/local/kafka/acls.json by infra/local/compose-kafka-setup.ts: do not edit by hand.',
    "# Run by docker-compose's kafka-secure-setup (profile secure) against the broker's internal PLAINTEXT",
    "# listener, reachable only on the compose network. Each user's password is generated once into",
    '# /credentials/<user>.password (a bind mount outside the repository); SCRAM users, topics and ACLs are',
    '# created idempotently, so running it again changes nothing.',
    "# KAFKA_BOOTSTRAP, KAFKA_BIN and CREDENTIALS_DIR override the container's paths (to try it on another broker).",
    'set -eu',
    `BOOTSTRAP=\${KAFKA_BOOTSTRAP:-${COMPOSE_KAFKA_INTERNAL}}`,
    'BIN=${KAFKA_BIN:-/opt/kafka/bin}',
    'CREDENTIALS=${CREDENTIALS_DIR:-/credentials}',
    'user() {',
    '  file="$CREDENTIALS/$1.password"',
    '  [ -s "$file" ] || (umask 077 && head -c 18 /dev/urandom | base64 | tr "+/" "-_" > "$file")',
    '  "$BIN/kafka-configs.sh" --bootstrap-server "$BOOTSTRAP" --alter --entity-type users --entity-name "$1" \\',
    '    --add-config "SCRAM-SHA-512=[password=$(cat "$file")]"',
    '}',
    'topic() {',
    '  "$BIN/kafka-topics.sh" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic "$1" \\',
    '    --partitions 3 --config message.timestamp.type=LogAppendTime',
    '}',
    'acl() {',
    '  "$BIN/kafka-acls.sh" --bootstrap-server "$BOOTSTRAP" --add "$@" > /dev/null',
    '}',
    ...users.map((u) => `user '${u}'`),
    ...topicsToCreate(grants).map((t) => `topic '${t}'`),
    ...aclCommands(aclEntries(grants)),
    "echo 'kafka-secure: users, topics and ACLs provisioned'",
    '',
  ].join('\n');
}

if (require.main === module) process.stdout.write(composeKafkaSetupScript(loadAclFile()));
