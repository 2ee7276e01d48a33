import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type AclEntry,
  AclOperationTypes as Op,
  AclResourceTypes as Res,
  type Admin,
  ResourcePatternTypes as Pattern,
} from 'kafkajs';
import type { KafkaConnection, LiveTopics } from '@sanshe/messaging';
import type { Portal } from '../domain/portal';
import { grantMissingAcls, KafkaPortalChannels, portalAcls } from './kafka-portal-channels';

const xinhua = { portalId: 'street-xinhua', kafkaPrincipal: 'User:portal-street-xinhua' };
/** kafkajs's ACL enums are plain objects: the name of a value. */
const nameIn = (values: object, value: number) => Object.entries(values).find(([, v]) => v === value)?.[0];
const readable = (a: AclEntry) =>
  `${a.principal} ${nameIn(Op, a.operation)} ${nameIn(Res, a.resourceType)}:${a.resourceName}` +
  (a.resourcePatternType === Pattern.PREFIXED ? '*' : '');

/** A broker's ACLs in memory: describeAcls by principal, createAcls appends. */
function fakeAdmin(held: AclEntry[] = []) {
  const created: AclEntry[][] = [];
  const admin = {
    describeAcls: async ({ principal }: { principal: string }) => ({
      resources: held
        .filter((a) => a.principal === principal)
        .map(({ principal: p, host, operation, permissionType, ...on }) => ({
          ...on,
          acls: [{ principal: p, host, operation, permissionType }],
        })),
    }),
    createAcls: async ({ acl }: { acl: AclEntry[] }) => {
      created.push(acl);
      held.push(...acl);
      return true;
    },
  };
  return { admin: admin as unknown as Admin, created };
}

describe('portalAcls', () => {
  it('lets the portal write only its commands, read the public topics and its replies, join its groups; the services write its replies', () => {
    expect(portalAcls(xinhua).map(readable).sort()).toEqual(
      [
        'User:portal-street-xinhua IDEMPOTENT_WRITE CLUSTER:kafka-cluster',
        'User:portal-street-xinhua WRITE TOPIC:sanshe.portal.street-xinhua.commands',
        ...[
          'sanshe.community.events',
          'sanshe.organization.events',
          'sanshe.talent.events',
          'sanshe.funding.events',
          'sanshe.governance.events',
          'sanshe.portal.street-xinhua.replies',
        ].flatMap((t) => [
          `User:portal-street-xinhua READ TOPIC:${t}`,
          `User:portal-street-xinhua DESCRIBE_CONFIGS TOPIC:${t}`,
        ]),
        'User:portal-street-xinhua READ GROUP:portal-street-xinhua*',
        'User:governance WRITE TOPIC:sanshe.portal.street-xinhua.replies',
        'User:funding WRITE TOPIC:sanshe.portal.street-xinhua.replies',
      ].sort(),
    );
  });

  it('grants a portal what infra/local/kafka/acls.json grants its own portal of that id', () => {
    const file = JSON.parse(readFileSync(join(__dirname, '../../../../../infra/local/kafka/acls.json'), 'utf8')) as {
      principals: { user: string; produce: string[]; consume: string[]; groups: string[] }[];
    };
    const inFile = file.principals.find((p) => p.user === 'portal-street-xinhua');
    const mine = portalAcls(xinhua).filter((a) => a.principal === xinhua.kafkaPrincipal);
    const on = (op: Op, type: Res) =>
      mine
        .filter((a) => a.operation === op && a.resourceType === type)
        .map((a) => a.resourceName + (a.resourcePatternType === Pattern.PREFIXED ? '*' : ''))
        .sort();
    expect(on(Op.WRITE, Res.TOPIC)).toEqual([...(inFile?.produce ?? [])].sort());
    expect(on(Op.READ, Res.TOPIC)).toEqual([...(inFile?.consume ?? [])].sort());
    expect(on(Op.READ, Res.GROUP)).toEqual([...(inFile?.groups ?? [])].sort());
  });
});

describe('grantMissingAcls', () => {
  it('creates what is missing once: a second opening asks for nothing', async () => {
    const { admin, created } = fakeAdmin();
    expect(await grantMissingAcls(admin, portalAcls(xinhua))).toHaveLength(portalAcls(xinhua).length);
    expect(await grantMissingAcls(admin, portalAcls(xinhua))).toEqual([]);
    expect(created).toHaveLength(1);
  });

  it("keeps a principal's other grants and adds only the missing ones", async () => {
    const [first, ...rest] = portalAcls(xinhua);
    const other = { ...first!, resourceName: 'something-else' };
    const { admin, created } = fakeAdmin([first!, other]);
    expect(await grantMissingAcls(admin, portalAcls(xinhua))).toEqual(rest);
    expect(created).toEqual([rest]);
  });
});

describe('KafkaPortalChannels.open', () => {
  const portal = { ...xinhua, status: 'active' } as Portal;
  const liveTopics = () => {
    const asked: [string[], string][] = [];
    const live = { consumeAlso: async (topics: string[], like: string) => (asked.push([topics, like]), topics) };
    return { live: live as unknown as LiveTopics, asked };
  };

  it('grants no ACLs without Kafka security, and the bridge takes the commands topic on', async () => {
    const { live, asked } = liveTopics();
    const admin = jest.fn();
    const kafka = { options: { brokers: ['127.0.0.1:1'] }, kafka: { admin } } as unknown as KafkaConnection;
    const channels = new KafkaPortalChannels(kafka, live);
    const ensure = jest.spyOn(channels as unknown as { ensure: () => Promise<void> }, 'ensure').mockResolvedValue();
    await channels.open(portal);
    expect(ensure).toHaveBeenCalledWith([
      'sanshe.portal.street-xinhua.commands',
      'sanshe.portal.street-xinhua.replies',
    ]);
    expect(admin).not.toHaveBeenCalled();
    expect(asked).toEqual([[['sanshe.portal.street-xinhua.commands'], 'sanshe.organization.events']]);
  });

  it('grants the ACLs when it logs in to Kafka', async () => {
    const { live } = liveTopics();
    const { admin, created } = fakeAdmin();
    Object.assign(admin, { connect: async () => undefined, disconnect: async () => undefined });
    const security = { sasl: { mechanism: 'scram-sha-512', username: 'governance', password: 'x' } };
    const kafka = { options: { brokers: ['127.0.0.1:1'], security }, kafka: { admin: () => admin } };
    const channels = new KafkaPortalChannels(kafka as unknown as KafkaConnection, live);
    jest.spyOn(channels as unknown as { ensure: () => Promise<void> }, 'ensure').mockResolvedValue();
    await channels.open(portal);
    expect(created.flat().map(readable).sort()).toEqual(portalAcls(xinhua).map(readable).sort());
  });

  it('grants them on the topics as named on the wire when the service runs with a topic prefix', async () => {
    const { live } = liveTopics();
    const { admin, created } = fakeAdmin();
    Object.assign(admin, { connect: async () => undefined, disconnect: async () => undefined });
    const security = { sasl: { mechanism: 'scram-sha-512', username: 'governance', password: 'x' } };
    const options = { brokers: ['127.0.0.1:1'], security, topicPrefix: 'test.' };
    const channels = new KafkaPortalChannels({ options, kafka: { admin: () => admin } } as never, live);
    jest.spyOn(channels as unknown as { ensure: () => Promise<void> }, 'ensure').mockResolvedValue();
    await channels.open(portal);
    const granted = created.flat().map(readable);
    expect(granted).toContain('User:portal-street-xinhua WRITE TOPIC:test.sanshe.portal.street-xinhua.commands');
    expect(granted).toContain('User:funding WRITE TOPIC:test.sanshe.portal.street-xinhua.replies');
    expect(granted).toContain('User:portal-street-xinhua READ GROUP:portal-street-xinhua*'); // groups as they are
    expect(granted.filter((acl) => / TOPIC:(?!test\.)/.test(acl))).toEqual([]);
  });
});
