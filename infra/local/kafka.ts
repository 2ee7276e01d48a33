import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { type KafkaClientSecurity, kafkaClientSecurityFromEnv } from '@sanshe/config';
import { requireCommand, run } from './commands';
import { InfraError } from './errors';
import {
  addNewScramUsers,
  addScramArgs,
  ADMIN_USER,
  ensureCredentials,
  kafkaSecurityMode,
  localKafkaLogin,
  localKafkaLoginEnv,
  provisionSecuredBroker,
  securedServerProperties,
} from './kafka-security';
import { loadAclFile } from './kafka-acls';
import { CACHE_DIR, dataDir, INFRA, INFRA_SRC_DIR, logFile } from './paths';
import { assertPortFree, runningPid, startDetached, stopPid, waitUntilReady } from './processes';
import type { LocalServer, ServerStatus, UpResult } from './server';

const NAME = 'kafka';
export const KAFKA_VERSION = '4.1.2';
const MIN_JAVA = 17;
const { host, port, controllerPort } = INFRA.kafka;
const libsDir = join(CACHE_DIR, `kafka-${KAFKA_VERSION}`, 'libs');
const installedMarker = join(libsDir, '.complete');
const root = dataDir(NAME);
const log4jConfig = join(INFRA_SRC_DIR, 'kafka', 'log4j2.properties');

export function requireJava(env: NodeJS.ProcessEnv = process.env): void {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8', env });
  if (result.error) {
    throw new InfraError(
      NAME,
      `Java ${MIN_JAVA}+ is required to run Kafka, but \`java\` was not found on PATH. ` +
        `Install a JDK (e.g. apt-get install openjdk-17-jre-headless), or set KAFKA_BROKERS to a Kafka you run.`,
    );
  }
  const major = Number(/version "(\d+)/.exec(result.stderr)?.[1]);
  if (!(major >= MIN_JAVA)) {
    throw new InfraError(
      NAME,
      `Kafka ${KAFKA_VERSION} needs Java ${MIN_JAVA}+, found: ${result.stderr.split('\n')[0]}`,
    );
  }
}

function java(args: string[]): string[] {
  return [`-Dlog4j2.configurationFile=${log4jConfig}`, '-cp', `${libsDir}/*`, ...args];
}

/** Runs one of Kafka's Java tools (e.g. kafka.admin.ConfigCommand) from the broker's jars. */
export const runKafkaTool = (args: string[]): void => void run(NAME, 'java', java(args));

export async function probeBrokers(brokers: string[], security: KafkaClientSecurity = {}): Promise<void> {
  const admin = new Kafka({
    clientId: 'sanshe-infra-probe',
    brokers,
    ...security,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2000,
    retry: { retries: 0 },
  }).admin();
  await admin.connect();
  try {
    const cluster = await admin.describeCluster();
    if (cluster.brokers.length === 0) throw new Error('no broker registered yet');
    // Ready means serving: after a restart the broker answers before it has loaded every partition
    // ("does not host this topic-partition"), and a client's first request would fail.
    const { topics } = await admin.fetchTopicMetadata();
    const leaderless = topics.flatMap((t) =>
      t.partitions.filter((p) => p.leader < 0).map((p) => `${t.name}/${p.partitionId}`),
    );
    if (leaderless.length) throw new Error(`partitions without a leader yet: ${leaderless.slice(0, 3).join(', ')}`);
  } finally {
    await admin.disconnect();
  }
}

/** The running broker's properties file: in its command line, it tells our broker from any other java. */
export const kafkaPropertiesFile = (env: NodeJS.ProcessEnv) =>
  join(root, kafkaSecurityMode(env) === 'scram' ? 'server-scram.properties' : 'server.properties');

/**
 * The broker of the other security mode that infra/local started (e.g. the PLAINTEXT one from before security
 * became the default) holds the same ports: it is stopped, its data kept, so that switching needs no step.
 */
async function stopOtherMode(otherModeMarker: string, secured: boolean): Promise<void> {
  const pid = runningPid(NAME, otherModeMarker);
  if (pid === undefined) return;
  console.log(
    `[${NAME}] stopping the ${secured ? 'PLAINTEXT' : 'SASL/SCRAM'} broker (pid ${pid}) to start the ` +
      `${secured ? 'SASL/SCRAM' : 'PLAINTEXT'} one (SANSHE_KAFKA_SECURITY=${secured ? 'scram' : 'none'})`,
  );
  await stopPid(NAME, pid, 30_000);
}

/**
 * A SCRAM user on the local secured broker (created if new, ~3 s of a JVM), and its login as KAFKA_SASL_*
 * variables: a portal registered at run time logs in as its principal (`npm run kafka:user -- <name>`).
 */
export function ensureLocalKafkaUser(user: string): Record<string, string> {
  if (!/^[a-z0-9][a-z0-9.-]{0,99}$/.test(user)) {
    throw new InfraError(NAME, `a Kafka user name is lower-case letters, digits, '.' and '-', got "${user}"`);
  }
  addNewScramUsers(root, `${host}:${port}`, [user], runKafkaTool);
  return localKafkaLoginEnv(root, user);
}

export function createKafka(env: NodeJS.ProcessEnv): LocalServer {
  const external = env.KAFKA_BROKERS?.split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  // The secured broker (SANSHE_KAFKA_SECURITY=scram) has data and properties of its own: formatted with its users.
  const secured = kafkaSecurityMode(env) === 'scram';
  const logDirs = join(root, secured ? 'data-scram' : 'data');
  const propertiesFile = kafkaPropertiesFile(env);
  const internalPort = controllerPort + 1;
  // Our secured broker: as admin. A broker of the user's own (KAFKA_BROKERS): with the client settings, if any.
  const login = (): KafkaClientSecurity =>
    external ? kafkaClientSecurityFromEnv(env) : secured ? localKafkaLogin(root, ADMIN_USER) : {};
  const marker = propertiesFile;
  const otherModeMarker = join(root, secured ? 'server.properties' : 'server-scram.properties');
  const serverProperties = () => {
    const properties = readFileSync(join(INFRA_SRC_DIR, 'kafka', 'server.properties'), 'utf8')
      .replaceAll('@DATA_DIR@', logDirs)
      // The template names the default ports (docker-compose.yml is checked against it): shift them.
      .replace(/:(9092|9093)\b/g, (_, p: string) => `:${p === '9092' ? port : controllerPort}`);
    return secured ? securedServerProperties(properties, { port, controllerPort, internalPort }) : properties;
  };

  return {
    name: NAME,
    externalVar: 'KAFKA_BROKERS',

    async install() {
      if (external || existsSync(installedMarker)) return;
      requireJava();
      requireCommand(NAME, 'mvn', 'to fetch the Kafka broker jars from Maven Central (or set KAFKA_BROKERS)');
      console.log(`[${NAME}] collecting Kafka ${KAFKA_VERSION} jars from Maven Central into ${libsDir}`);
      rmSync(libsDir, { recursive: true, force: true });
      run(NAME, 'mvn', [
        '-B',
        '-q',
        '-f',
        join(INFRA_SRC_DIR, 'kafka', 'pom.xml'),
        'org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies',
        '-DincludeScope=runtime',
        `-DoutputDirectory=${libsDir}`,
      ]);
      writeFileSync(installedMarker, `${new Date().toISOString()}\n`);
    },

    async up(): Promise<UpResult> {
      if (external) {
        const security = login(); // a wrong setting fails here, naming it, not as a broker that never answers
        await waitUntilReady({ server: NAME, timeoutMs: 15_000, probe: () => probeBrokers(external, security) });
        return 'external';
      }
      await this.install();
      const brokers = [`${host}:${port}`];
      let pid = runningPid(NAME, marker);
      const started = pid === undefined;
      if (pid === undefined) {
        requireJava();
        await stopOtherMode(otherModeMarker, secured);
        await assertPortFree(NAME, host, port, 'KAFKA_BROKERS');
        await assertPortFree(NAME, host, controllerPort, 'KAFKA_BROKERS');
        if (secured) await assertPortFree(NAME, host, internalPort, 'KAFKA_BROKERS');
        mkdirSync(logDirs, { recursive: true });
        writeFileSync(propertiesFile, serverProperties());
        if (!existsSync(join(logDirs, 'meta.properties'))) {
          // SCRAM users exist from the start: created with the storage, passwords kept in the state folder.
          const scramUsers = secured ? addScramArgs(ensureCredentials(root, loadAclFile())) : [];
          const clusterId = randomBytes(16).toString('base64url'); // a Kafka Uuid, as StorageTool random-uuid makes
          run(
            NAME,
            'java',
            java([
              'kafka.tools.StorageTool',
              'format',
              '--standalone',
              `--cluster-id=${clusterId}`, // one argument: an id may begin with '-' (1 in 64), read as an option apart
              '-c',
              propertiesFile,
              '--ignore-formatted',
              ...scramUsers,
            ]),
          );
        }
        pid = startDetached({
          server: NAME,
          command: 'java',
          args: [
            '-Xms512m',
            '-Xmx512m',
            '-XX:+UseG1GC',
            '-Djava.awt.headless=true',
            ...java(['kafka.Kafka', propertiesFile]),
          ],
          marker,
        });
      }
      await waitUntilReady({ server: NAME, pid, timeoutMs: 120_000, probe: () => probeBrokers(brokers, login()) });
      if (secured) await provisionSecuredBroker(brokers, root, runKafkaTool); // users, topics, ACLs: kafka/acls.json
      return started ? 'started' : 'already running';
    },

    async down() {
      if (external) return 'external';
      const pid = runningPid(NAME, marker) ?? runningPid(NAME, otherModeMarker);
      if (pid === undefined) return 'not running';
      await stopPid(NAME, pid, 30_000); // controlled shutdown flushes the log
      return 'stopped';
    },

    async status(): Promise<ServerStatus> {
      const brokers = external ?? [`${host}:${port}`];
      const ready = await probeBrokers(brokers, login()).then(
        () => true,
        () => false,
      );
      const endpoint = brokers.join(',');
      if (external) return { name: NAME, endpoint, state: ready ? 'external, ready' : 'external, not answering' };
      const pid = runningPid(NAME, marker);
      return {
        name: NAME,
        endpoint,
        pid,
        log: logFile(NAME),
        state: pid === undefined ? 'not running' : ready ? 'ready' : 'not answering',
        detail: `data: ${logDirs}${secured ? ' (SASL/SCRAM, ACLs from kafka/acls.json)' : ''}`,
      };
    },
  };
}
