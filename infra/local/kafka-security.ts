import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { type KafkaClientSecurity, localStateDir } from '@sanshe/config';
import { InfraError } from './errors';
import { ACL_FILE, applyAclFile, type KafkaPrincipalGrant, loadAclFile } from './kafka-acls';

/**
 * The local broker is secured unless SANSHE_KAFKA_SECURITY=none asks for the PLAINTEXT one (no login, no ACLs,
 * auto-create on: the broker before issue 17, kept for trying things by hand). Clients log in with SASL/SCRAM-SHA-512 on the client listener; the controller and the
 * broker's own internal listener stay PLAINTEXT on loopback (SCRAM cannot serve the controller), and their
 * unauthenticated principal, ANONYMOUS, is a super user for that reason only. StandardAuthorizer with no
 * ACL = no access, no topic auto-created. See docs/operations.md, "Kafka security".
 */
export type KafkaSecurityMode = 'none' | 'scram';

export function kafkaSecurityMode(env: NodeJS.ProcessEnv): KafkaSecurityMode {
  const raw = env.SANSHE_KAFKA_SECURITY?.trim() || 'scram';
  if (raw !== 'none' && raw !== 'scram') {
    throw new InfraError('kafka', `SANSHE_KAFKA_SECURITY must be none or scram, got "${raw}"`);
  }
  return raw;
}

export const ADMIN_USER = 'admin';

export interface SecuredPorts {
  port: number;
  controllerPort: number;
  /** The broker-to-broker listener: the controller port + 1. */
  internalPort: number;
}

/** The PLAINTEXT properties (already with this broker's ports and data dir) turned into the secured ones. */
export function securedServerProperties(plaintext: string, { port, controllerPort, internalPort }: SecuredPorts) {
  const listeners = `SASL_PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort},INTERNAL://127.0.0.1:${internalPort}`;
  const overrides: Record<string, string> = {
    listeners,
    'advertised.listeners': listeners,
    'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,INTERNAL:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT',
    'inter.broker.listener.name': 'INTERNAL',
    'auto.create.topics.enable': 'false',
    'sasl.enabled.mechanisms': 'SCRAM-SHA-512',
    'listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config':
      'org.apache.kafka.common.security.scram.ScramLoginModule required;',
    'authorizer.class.name': 'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    'super.users': `User:${ADMIN_USER};User:ANONYMOUS`,
    'allow.everyone.if.no.acl.found': 'false',
  };
  const kept = plaintext.split('\n').filter((line) => !(line.split('=')[0].trim() in overrides));
  return [
    ...kept,
    '# SANSHE_KAFKA_SECURITY=scram (infra/local/kafka-security.ts)',
    ...Object.entries(overrides).map(([k, v]) => `${k}=${v}`),
    '',
  ].join('\n');
}

/** The SCRAM users' passwords, generated into the broker's state folder (never into the repository). */
export const credentialsFile = (kafkaStateDir: string) => join(kafkaStateDir, 'scram-credentials.json');

export function readCredentials(kafkaStateDir: string): Record<string, string> {
  const file = credentialsFile(kafkaStateDir);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {};
}

/** Creates a password for every user that has none yet (admin and the file's users); returns them all. */
export function ensureCredentials(kafkaStateDir: string, grants: KafkaPrincipalGrant[]): Record<string, string> {
  const credentials = readCredentials(kafkaStateDir);
  for (const user of [ADMIN_USER, ...grants.map((g) => g.user)]) {
    credentials[user] ??= randomBytes(24).toString('base64url'); // no ',', '=' or ']': safe in --add-scram
  }
  writeFileSync(credentialsFile(kafkaStateDir), `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  return credentials;
}

/** StorageTool's flags creating each user at format time (kafkajs has no SCRAM admin API). */
export const addScramArgs = (credentials: Record<string, string>) =>
  Object.entries(credentials).flatMap(([name, password]) => [
    '--add-scram',
    `SCRAM-SHA-512=[name=${name},password=${password}]`,
  ]);

/** How `user` logs in to the secured broker whose state folder is `kafkaStateDir`. */
export function localKafkaLogin(kafkaStateDir: string, user: string): KafkaClientSecurity {
  const password = readCredentials(kafkaStateDir)[user];
  if (!password) throw new InfraError('kafka', `no SCRAM user "${user}" in ${credentialsFile(kafkaStateDir)}`);
  return { sasl: { mechanism: 'scram-sha-512', username: user, password } };
}

/** The same login as the environment variables every service, tool and test reads (KAFKA_SASL_*). */
export function localKafkaLoginEnv(kafkaStateDir: string, user: string): Record<string, string> {
  const password = readCredentials(kafkaStateDir)[user];
  if (!password) throw new InfraError('kafka', `no SCRAM user "${user}" in ${credentialsFile(kafkaStateDir)}`);
  return loginEnv(user, password);
}

const loginEnv = (user: string, password: string) => ({
  KAFKA_SASL_MECHANISM: 'scram-sha-512',
  KAFKA_SASL_USERNAME: user,
  KAFKA_SASL_PASSWORD: password,
});

/**
 * How a process this project starts (a service, the simulator) logs in to Kafka as `user`: as itself when the
 * environment logs in to the local secured broker as its admin (npm start, the tests, the chaos suite); as
 * the environment says otherwise (a broker of the user's own, or the PLAINTEXT one).
 */
export function localLoginFor(env: NodeJS.ProcessEnv, user: string): Record<string, string> {
  if (kafkaSecurityMode(env) !== 'scram') return {};
  const credentials = readCredentials(join(localStateDir(env), 'kafka'));
  const asLocalAdmin = env.KAFKA_SASL_USERNAME === ADMIN_USER && env.KAFKA_SASL_PASSWORD === credentials[ADMIN_USER];
  const local = !env.KAFKA_BROKERS && !env.KAFKA_SASL_USERNAME;
  if (!(asLocalAdmin || local) || !credentials[user]) return {};
  return loginEnv(user, credentials[user]);
}

/** Runs one of Kafka's Java tools with the broker's classpath (kafka.ts knows it). */
export type RunKafkaTool = (args: string[]) => void;

/**
 * Creates, on the running broker, the SCRAM users that have no credentials yet (added to the ACL file after the
 * storage was formatted, or a portal registered at run time), with Kafka's ConfigCommand as admin: kafkajs has
 * no SCRAM admin API. A password is kept only once the broker has the user.
 */
export function addNewScramUsers(kafkaStateDir: string, bootstrap: string, users: string[], runTool: RunKafkaTool) {
  const credentials = readCredentials(kafkaStateDir);
  const added = users.filter((user) => !credentials[user]);
  if (!added.length) return added;
  const adminConfig = join(kafkaStateDir, 'admin-client.properties');
  const jaas = `org.apache.kafka.common.security.scram.ScramLoginModule required username="${ADMIN_USER}" password="${credentials[ADMIN_USER]}";`;
  writeFileSync(
    adminConfig,
    `security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512\nsasl.jaas.config=${jaas}\n`,
    { mode: 0o600 },
  );
  for (const user of added) {
    const password = randomBytes(24).toString('base64url');
    runTool([
      'kafka.admin.ConfigCommand',
      '--bootstrap-server',
      bootstrap,
      '--command-config',
      adminConfig,
      '--alter',
      '--add-config',
      `SCRAM-SHA-512=[password=${password}]`,
      '--entity-type',
      'users',
      '--entity-name',
      user,
    ]);
    credentials[user] = password;
    writeFileSync(credentialsFile(kafkaStateDir), `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  }
  return added;
}

/**
 * After the broker answers: the file's users that are new since the format created, then its topics and ACLs
 * as the declarative file says, applied as admin.
 */
export async function provisionSecuredBroker(
  brokers: string[],
  kafkaStateDir: string,
  runTool: RunKafkaTool,
  aclFile = ACL_FILE,
) {
  const grants = loadAclFile(aclFile);
  const usersAdded = addNewScramUsers(
    kafkaStateDir,
    brokers[0],
    grants.map((g) => g.user),
    runTool,
  );
  const admin = new Kafka({
    clientId: 'sanshe-infra-acls',
    brokers,
    logLevel: logLevel.NOTHING,
    ...localKafkaLogin(kafkaStateDir, ADMIN_USER),
  }).admin();
  await admin.connect();
  try {
    return { usersAdded, ...(await applyAclFile(admin, grants)) };
  } finally {
    await admin.disconnect();
  }
}
