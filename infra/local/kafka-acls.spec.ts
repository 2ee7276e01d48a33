import { AclOperationTypes, AclResourceTypes, ResourcePatternTypes } from 'kafkajs';
import { SERVICE_NAMES } from '@sanshe/config';
import { contextTopic, deadLetterTopic, portalCommandsTopic } from '@sanshe/contracts';
import { aclDifference, aclEntries, loadAclFile, topicsToCreate } from './kafka-acls';

const grants = loadAclFile();
const grant = (user: string) => {
  const found = grants.find((g) => g.user === user);
  if (!found) throw new Error(`acls.json has no user ${user}`);
  return found;
};
const writesOf = (user: string) =>
  aclEntries([grant(user)])
    .filter((a) => a.operation === AclOperationTypes.WRITE)
    .map((a) => `${a.resourceName}${a.resourcePatternType === ResourcePatternTypes.PREFIXED ? '*' : ''}`);

describe('the declarative ACL file (infra/local/kafka/acls.json)', () => {
  it("lets each service write only its own events topic and its consumer group's dead-letter topic", () => {
    for (const service of SERVICE_NAMES) {
      expect({ service, writes: writesOf(service) }).toEqual({
        service,
        writes: [contextTopic(service), deadLetterTopic(`sanshe-${service}`)],
      });
      expect(grant(service).groups).toEqual([`sanshe-${service}`]);
      // A service reads no topic it writes except its dead letters (the dead-letter log), never its own events.
      expect(grant(service).consume).not.toContain(contextTopic(service));
    }
  });

  it('lets each portal write only its own commands topic, and read the public topics and its replies', () => {
    const portals = grants.filter((g) => g.kind === 'portal');
    expect(portals.length).toBeGreaterThan(1);
    for (const portal of portals) {
      const portalId = portal.user.replace(/^portal-/, '');
      expect(writesOf(portal.user)).toEqual([portalCommandsTopic(portalId)]);
      expect(portal.consume.filter((t) => t.startsWith('sanshe.portal.'))).toEqual([
        `sanshe.portal.${portalId}.replies`,
      ]);
      expect(portal.consume.every((t) => !t.endsWith('*'))).toBe(true);
    }
  });

  it('grants idempotent writes (the producers are idempotent) to writers only, and READ + DESCRIBE_CONFIGS per consumed topic', () => {
    const entries = aclEntries([grant('funding')]);
    const on = (type: AclResourceTypes, op: AclOperationTypes) =>
      entries.filter((a) => a.resourceType === type && a.operation === op).map((a) => a.resourceName);
    expect(on(AclResourceTypes.CLUSTER, AclOperationTypes.IDEMPOTENT_WRITE)).toEqual(['kafka-cluster']);
    expect(on(AclResourceTypes.TOPIC, AclOperationTypes.READ)).toEqual(
      on(AclResourceTypes.TOPIC, AclOperationTypes.DESCRIBE_CONFIGS),
    );
    expect(on(AclResourceTypes.TOPIC, AclOperationTypes.READ)).toContain('sanshe.portal.'); // a prefix
    expect(on(AclResourceTypes.GROUP, AclOperationTypes.READ)).toEqual(['sanshe-funding']);
    const readOnly = aclEntries([{ user: 'r', kind: 'tool', produce: [], consume: ['t'], groups: [] }]);
    expect(readOnly.some((a) => a.operation === AclOperationTypes.IDEMPOTENT_WRITE)).toBe(false);
  });

  it('creates every literal topic someone writes (the broker creates none), never a prefix', () => {
    const topics = topicsToCreate(grants);
    expect(topics).toEqual(expect.arrayContaining(SERVICE_NAMES.map((s) => contextTopic(s))));
    expect(topics).toContain(portalCommandsTopic('street-xinhua'));
    expect(topics.some((t) => t.includes('*'))).toBe(false);
  });
});

describe('aclDifference', () => {
  const desired = aclEntries(grants);

  it('is empty when the broker holds the file (applying twice changes nothing)', () => {
    expect(
      aclDifference(
        desired,
        desired,
        grants.map((g) => g.user),
      ),
    ).toEqual({ create: [], remove: [] });
  });

  it("creates what is missing and removes what the file no longer grants its users, leaving others' ACLs alone", () => {
    const [missing, ...held] = desired;
    const stray = { ...missing, resourceName: 'sanshe.governance.events' };
    const someoneElses = { ...missing, principal: 'User:registered-at-run-time' };
    const users = grants.map((g) => g.user);
    expect(aclDifference(desired, [...held, stray, someoneElses], users)).toEqual({
      create: [missing],
      remove: [stray],
    });
  });
});
