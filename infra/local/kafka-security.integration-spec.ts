import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AclOperationTypes, AclResourceTypes, Kafka, type KafkaConfig, logLevel, type Producer } from 'kafkajs';
import { asError } from '@sanshe/common';
import { createReliableProducer, ensureTopics, readToHighWaterMarks } from '@sanshe/messaging';
import { uniqueName } from '@sanshe/testing';
import { aclEntries, applyAclFile, loadAclFile } from './kafka-acls';
import { runKafkaTool } from './kafka';
import { ADMIN_USER, localKafkaLogin, provisionSecuredBroker } from './kafka-security';
import { KAFKA_SECURITY_TEST_ENV, kafkaSecurityTestServer } from './kafka-security-test-servers';

const { brokers, kafkaStateDir, stateDir } = kafkaSecurityTestServer;
const ROOT = resolve(__dirname, '../..');

function infra(...args: string[]): string {
  const result = spawnSync(process.execPath, ['-r', '@swc-node/register', 'infra/local/cli.ts', ...args], {
    cwd: ROOT,
    env: KAFKA_SECURITY_TEST_ENV,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`infra ${args.join(' ')} failed:\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

/** A client of the secured broker (a refusal is not retried: kafkajs counts it as final; idempotence needs retries). */
const client = (login: Pick<KafkaConfig, 'sasl'>) =>
  new Kafka({
    clientId: uniqueName('sec'),
    brokers,
    logLevel: logLevel.NOTHING,
    retry: { retries: 2, initialRetryTime: 100 },
    ...login,
  });
const as = (user: string) => client(localKafkaLogin(kafkaStateDir, user));

const PORTAL = 'sanshe.portal.street-xinhua.commands';
const OTHER_PORTAL = 'sanshe.portal.xuhui-civil-affairs.commands';
const GOVERNANCE = 'sanshe.governance.events';
const COMMUNITY = 'sanshe.community.events';
const COMMUNITY_DLQ = 'sanshe.dlq.sanshe-community';

/**
 * Kafka security on a real SASL/SCRAM broker of the test's own (SANSHE_KAFKA_SECURITY=scram; its own state
 * directory and ports, never the shared PLAINTEXT broker): each user writes only where infra/local/kafka/acls.json
 * lets it, a wrong password is refused, and a refused write leaves nothing on the topic. In the serial pass:
 * starting a broker loads the CPU.
 */
describe('the secured local broker (SASL/SCRAM-SHA-512, StandardAuthorizer, ACLs from kafka/acls.json)', () => {
  const producers: Producer[] = [];
  const admin = () => as(ADMIN_USER);
  const sent = new Map<string, string[]>(); // topic → what an allowed write put there

  async function send(user: string, topic: string, value: string): Promise<void> {
    const producer = createReliableProducer(as(user)); // the services' own producer: idempotent
    producers.push(producer);
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: [{ key: 'k', value }] });
    sent.set(topic, [...(sent.get(topic) ?? []), value]);
  }

  /** The Kafka error code a refused request ends with (kafkajs wraps it as the cause of a non-retriable error). */
  const errorType = (err: unknown): string => {
    for (let e: unknown = err; e instanceof Error; e = e.cause) {
      const { type } = e as Error & { type?: unknown };
      if (typeof type === 'string') return type;
    }
    return asError(err).message;
  };
  const refusal = (user: string, topic: string) =>
    send(user, topic, uniqueName(`refused-${user}`)).then(() => 'accepted', errorType);

  beforeAll(() => {
    expect({ stateDir, brokers }).toEqual({
      stateDir: expect.stringMatching(/\/kafka-security-test$/),
      brokers: ['127.0.0.1:12092'],
    });
    infra('down', 'kafka'); // what an interrupted run left, then a broker formatted afresh with its users
    if (existsSync(stateDir)) rmSync(stateDir, { recursive: true, force: true });
    expect(infra('up', 'kafka')).toMatch(/kafka\s+started/);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(producers.map((p) => p.disconnect().catch(() => undefined)));
    infra('down', 'kafka');
  }, 60_000);

  it('writes where the file allows: a portal to its commands topic, a service to its events and dead-letter topics', async () => {
    await send('portal-street-xinhua', PORTAL, uniqueName('command'));
    await send('governance', GOVERNANCE, uniqueName('fact'));
    // Its group's dead-letter topic is the service's to make (its boot does; the file lets it create that prefix).
    await ensureTopics({ brokers, security: localKafkaLogin(kafkaStateDir, 'community') }, [COMMUNITY_DLQ]);
    await send('community', COMMUNITY_DLQ, uniqueName('dead-letter'));
  }, 20_000);

  it("refuses a portal writing to another portal's commands topic or to a service's events topic", async () => {
    expect(await refusal('portal-street-xinhua', OTHER_PORTAL)).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect(await refusal('portal-street-xinhua', GOVERNANCE)).toBe('TOPIC_AUTHORIZATION_FAILED');
  }, 20_000);

  it("refuses a service writing to another service's topic", async () => {
    expect(await refusal('community', GOVERNANCE)).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect(await refusal('governance', COMMUNITY)).toBe('TOPIC_AUTHORIZATION_FAILED');
  }, 20_000);

  it('refuses a wrong password and an unknown user at login', async () => {
    for (const login of [
      { username: 'governance', password: 'not-its-password' },
      { username: 'nobody', password: 'whatever' },
    ]) {
      const producer = client({ sasl: { mechanism: 'scram-sha-512', ...login } }).producer();
      const error = await producer.connect().then(() => undefined, asError);
      expect(error?.name).toBe('KafkaJSSASLAuthenticationError');
    }
  }, 20_000);

  /** Reads `topic` to its high-water marks as `user` in consumer group `groupId`; the Kafka error code if refused. */
  /** The group coordinator of a freshly formatted broker is loading __consumer_offsets for a while: those answers
   * are transient (a refusal is not), so the read is tried again, a bounded number of times. */
  const COORDINATOR_LOADING = new Set([
    'GROUP_LOAD_IN_PROGRESS',
    'COORDINATOR_LOAD_IN_PROGRESS',
    'COORDINATOR_NOT_AVAILABLE',
  ]);
  async function readAs(user: string, groupId: string, topic: string): Promise<string[] | string> {
    for (let attempt = 1; ; attempt++) {
      const outcome = await readAsOnce(user, groupId, topic);
      if (typeof outcome !== 'string' || !COORDINATOR_LOADING.has(outcome) || attempt === 10) return outcome;
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  async function readAsOnce(user: string, groupId: string, topic: string): Promise<string[] | string> {
    const kafka = as(user);
    const ends = new Map((await highWaterMarksAsAdmin(topic)).map((p) => [p.partition, Number(p.high)]));
    const remaining = new Map([...ends].filter(([, high]) => high > 0));
    const consumer = kafka.consumer({ groupId, retry: { retries: 0 } });
    const values: string[] = [];
    try {
      return await new Promise<string[] | string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${topic} not read to its high-water marks in 15 s`)), 15_000);
        const settle = (outcome: string[] | string) => (clearTimeout(timer), resolve(outcome));
        consumer.on(consumer.events.CRASH, ({ payload }) => settle(errorType(payload.error)));
        if (remaining.size === 0) return settle(values);
        consumer
          .connect()
          .then(() => consumer.subscribe({ topic, fromBeginning: true }))
          .then(() =>
            consumer.run({
              eachMessage: async ({ partition, message }) => {
                values.push(message.value?.toString() ?? '');
                if (Number(message.offset) + 1 >= (remaining.get(partition) ?? 0)) remaining.delete(partition);
                if (remaining.size === 0) settle(values);
              },
            }),
          )
          .catch((err: unknown) => settle(errorType(err)));
      });
    } finally {
      await consumer.disconnect().catch(() => undefined);
    }
  }

  async function highWaterMarksAsAdmin(topic: string) {
    const kafkaAdmin = admin().admin();
    await kafkaAdmin.connect();
    try {
      return await kafkaAdmin.fetchTopicOffsets(topic);
    } finally {
      await kafkaAdmin.disconnect();
    }
  }

  it('lets a service read what it consumes in its own group only, and set up its topics without creating any', async () => {
    const community = localKafkaLogin(kafkaStateDir, 'community');
    expect(await readAs('community', 'sanshe-community', GOVERNANCE)).toEqual(sent.get(GOVERNANCE));
    // Another's group: the broker answers GROUP_AUTHORIZATION_FAILED to FindCoordinator, which kafkajs reports
    // only as this (it drops the broker's error); the same read in its own group succeeded just above.
    expect(await readAs('community', 'sanshe-governance', GOVERNANCE)).toBe('Failed to find group coordinator');
    expect(await readAs('community', 'sanshe-community', PORTAL)).toBe('TOPIC_AUTHORIZATION_FAILED');
    const warnings: string[] = [];
    await ensureTopics({ brokers, security: community }, [GOVERNANCE, 'sanshe.talent.events'], 3, (m) =>
      warnings.push(m),
    );
    expect(warnings).toEqual([]); // created by infra/local with LogAppendTime: nothing to create or change
    const missing = 'sanshe.portal.nobody-registered.commands';
    await expect(ensureTopics({ brokers, security: community }, [missing])).rejects.toThrow();
    const kafkaAdmin = admin().admin();
    await kafkaAdmin.connect();
    expect(await kafkaAdmin.listTopics()).not.toContain(missing);
    expect((await kafkaAdmin.listGroups()).groups.map((g) => g.groupId)).not.toContain('sanshe-governance');
    await kafkaAdmin.disconnect();
  }, 60_000);

  it('lets nothing refused reach a topic: each holds exactly its allowed writes, read to the high-water marks as admin', async () => {
    const kafka = admin();
    for (const topic of [PORTAL, OTHER_PORTAL, GOVERNANCE, COMMUNITY, COMMUNITY_DLQ]) {
      const values = (await readToHighWaterMarks(kafka, topic, new Map(), { timeoutMs: 20_000 })).map((r) => r.value);
      expect({ topic, values }).toEqual({ topic, values: sent.get(topic) ?? [] });
    }
  }, 30_000);

  it('applies the ACL file as a difference: again = no change; a lost ACL is put back, a stray one removed', async () => {
    const kafkaAdmin = admin().admin();
    await kafkaAdmin.connect();
    try {
      const grants = loadAclFile();
      expect(await applyAclFile(kafkaAdmin, grants)).toEqual({ topicsCreated: [], aclsCreated: 0, aclsDeleted: 0 });
      const portalWrite = aclEntries(grants).find(
        (a) => a.principal === 'User:portal-street-xinhua' && a.operation === AclOperationTypes.WRITE,
      );
      if (!portalWrite) throw new Error('acls.json grants portal-street-xinhua no write');
      const stray = { ...portalWrite, resourceName: GOVERNANCE, resourceType: AclResourceTypes.TOPIC };
      await kafkaAdmin.deleteAcls({ filters: [portalWrite] });
      await kafkaAdmin.createAcls({ acl: [stray] });
      expect(await applyAclFile(kafkaAdmin, grants)).toEqual({ topicsCreated: [], aclsCreated: 1, aclsDeleted: 1 });
      expect(await applyAclFile(kafkaAdmin, grants)).toEqual({ topicsCreated: [], aclsCreated: 0, aclsDeleted: 0 });
    } finally {
      await kafkaAdmin.disconnect();
    }
  }, 20_000);

  it('creates a user added to the file after the format on the next apply, who then writes its own topic', async () => {
    const late = {
      user: 'portal-late-registered',
      kind: 'portal' as const,
      produce: ['sanshe.portal.late-registered.commands'],
      consume: [],
      groups: [],
    };
    const file = join(mkdtempSync(join(tmpdir(), 'acls-')), 'acls.json');
    writeFileSync(file, JSON.stringify({ principals: [...loadAclFile(), late] }));
    const outcome = await provisionSecuredBroker(brokers, kafkaStateDir, runKafkaTool, file);
    expect(outcome).toEqual({
      usersAdded: [late.user],
      topicsCreated: [...late.produce, `test.${late.produce[0]}`], // and the tests' (ACL_TOPIC_PREFIXES)
      aclsCreated: 3, // its topic's WRITE, the tests' prefixed topic's, and the cluster's IDEMPOTENT_WRITE
      aclsDeleted: 0,
    });
    await send(late.user, late.produce[0], uniqueName('first-command'));
    expect(await refusal(late.user, PORTAL)).toBe('TOPIC_AUTHORIZATION_FAILED');
  }, 30_000);
});
