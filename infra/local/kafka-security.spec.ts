import { mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ensureCredentials,
  kafkaSecurityMode,
  localKafkaLogin,
  localKafkaLoginEnv,
  localLoginFor,
  securedServerProperties,
} from './kafka-security';

describe('kafkaSecurityMode (SANSHE_KAFKA_SECURITY)', () => {
  it('is the secured broker unless the PLAINTEXT one is asked for', () => {
    expect(kafkaSecurityMode({})).toBe('scram');
    expect(kafkaSecurityMode({ SANSHE_KAFKA_SECURITY: 'scram' })).toBe('scram');
    expect(kafkaSecurityMode({ SANSHE_KAFKA_SECURITY: 'none' })).toBe('none');
    expect(() => kafkaSecurityMode({ SANSHE_KAFKA_SECURITY: 'sasl' })).toThrow(
      /SANSHE_KAFKA_SECURITY must be none or scram, got "sasl"/,
    );
  });
});

describe('securedServerProperties', () => {
  const plaintext = [
    'listeners=PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093',
    'inter.broker.listener.name=PLAINTEXT',
    'auto.create.topics.enable=true',
    'log.dirs=/data',
  ].join('\n');
  const lines = securedServerProperties(plaintext, { port: 12092, controllerPort: 12093, internalPort: 12094 }).split(
    '\n',
  );
  const value = (key: string) => lines.filter((l) => l.startsWith(`${key}=`)).map((l) => l.slice(key.length + 1));

  it('serves clients only by SASL; the controller and internal listeners are PLAINTEXT on loopback', () => {
    expect(value('listeners')).toEqual([
      'SASL_PLAINTEXT://127.0.0.1:12092,CONTROLLER://127.0.0.1:12093,INTERNAL://127.0.0.1:12094',
    ]);
    expect(value('listener.security.protocol.map')).toEqual([
      'CONTROLLER:PLAINTEXT,INTERNAL:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT',
    ]);
    expect(value('inter.broker.listener.name')).toEqual(['INTERNAL']);
    expect(value('sasl.enabled.mechanisms')).toEqual(['SCRAM-SHA-512']);
  });

  it('authorizes by ACL only: StandardAuthorizer, no ACL = no access, no auto-created topics', () => {
    expect(value('authorizer.class.name')).toEqual(['org.apache.kafka.metadata.authorizer.StandardAuthorizer']);
    expect(value('allow.everyone.if.no.acl.found')).toEqual(['false']);
    expect(value('auto.create.topics.enable')).toEqual(['false']);
    expect(value('super.users')).toEqual(['User:admin;User:ANONYMOUS']);
    expect(value('log.dirs')).toEqual(['/data']); // the rest is kept
  });
});

describe('the SCRAM credentials', () => {
  it('are generated once per user into the state folder, readable by its owner only, and give a SCRAM login', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kafka-scram-'));
    const grants = [{ user: 'governance', kind: 'service' as const, produce: [], consume: [], groups: [] }];
    const first = ensureCredentials(dir, grants);
    expect(Object.keys(first)).toEqual(['admin', 'governance']);
    expect(first.governance).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(ensureCredentials(dir, grants)).toEqual(first);
    expect(statSync(join(dir, 'scram-credentials.json')).mode & 0o777).toBe(0o600);
    expect(localKafkaLogin(dir, 'governance')).toEqual({
      sasl: { mechanism: 'scram-sha-512', username: 'governance', password: first.governance },
    });
    expect(() => localKafkaLogin(dir, 'nobody')).toThrow(/no SCRAM user "nobody"/);
  });
});

describe('localLoginFor: how a process the project starts logs in', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'sanshe-login-'));
  const kafkaDir = join(stateDir, 'kafka');
  mkdirSync(kafkaDir);
  const credentials = ensureCredentials(kafkaDir, [
    { user: 'governance', kind: 'service', produce: [], consume: [], groups: [] },
  ]);
  const admin = localKafkaLoginEnv(kafkaDir, 'admin');

  it('as its own user when the environment is the local admin (the tests, the chaos suite)', () => {
    expect(localLoginFor({ SANSHE_STATE_DIR: stateDir, ...admin }, 'governance')).toEqual({
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'governance',
      KAFKA_SASL_PASSWORD: credentials.governance,
    });
  });

  it('as its own user when nothing is configured (npm start on the local broker)', () => {
    expect(localLoginFor({ SANSHE_STATE_DIR: stateDir }, 'governance').KAFKA_SASL_USERNAME).toBe('governance');
  });

  it("as the environment says otherwise: a broker of the user's own, the PLAINTEXT broker, an unknown user", () => {
    const ownBroker = { SANSHE_STATE_DIR: stateDir, KAFKA_BROKERS: 'kafka.example:9092' };
    expect(localLoginFor(ownBroker, 'governance')).toEqual({});
    const ownLogin = { ...ownBroker, KAFKA_SASL_USERNAME: 'admin', KAFKA_SASL_PASSWORD: 'not-the-local-one' };
    expect(localLoginFor(ownLogin, 'governance')).toEqual({});
    expect(localLoginFor({ SANSHE_STATE_DIR: stateDir, SANSHE_KAFKA_SECURITY: 'none' }, 'governance')).toEqual({});
    expect(localLoginFor({ SANSHE_STATE_DIR: stateDir, ...admin }, 'nobody')).toEqual({});
  });
});
