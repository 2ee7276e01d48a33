import { AclOperationTypes, AclResourceTypes, ResourcePatternTypes } from 'kafkajs';
import { SERVICE_NAMES, type ServiceName } from '@sanshe/config';
import {
  actingServiceOf,
  contextTopic,
  deadLetterTopic,
  portalCommandsTopic,
  portalRepliesTopic,
} from '@sanshe/contracts';
import { aclDifference, aclEntries, loadAclFile, topicsToCreate, withTopicPrefixes } from './kafka-acls';

const grants = loadAclFile();
/** The services with an events topic of their own: public-web only reads (apps/public-web checks its grants). */
const CONTEXT_SERVICES = SERVICE_NAMES.filter((s): s is Exclude<ServiceName, 'public-web'> => s !== 'public-web');
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
  const filePortals = grants.filter((g) => g.kind === 'portal').map((g) => g.user.replace(/^portal-/, ''));
  /** The services that answer some portal command (each command has one: actingServiceOf). */
  const replying = new Set<string>(
    ['sanshe.portal.decision.arbitrated.v1', 'sanshe.portal.payment.confirmed.v1'].map((t) => actingServiceOf(t)),
  );

  it("lets each service write only its own events topic, its group's dead letters and (if it answers portals) their replies", () => {
    expect([...replying].sort()).toEqual(['funding', 'governance']);
    for (const service of CONTEXT_SERVICES) {
      const replies = replying.has(service) ? filePortals.map(portalRepliesTopic) : [];
      expect({ service, writes: writesOf(service).sort() }).toEqual({
        service,
        writes: [contextTopic(service), ...replies, `${deadLetterTopic(`sanshe-${service}`)}*`].sort(),
      });
      // Any group beginning with its own (a test's, a second deployment's), and only their dead letters to create.
      expect(grant(service).groups).toEqual([`sanshe-${service}*`]);
      expect(grant(service).create?.filter((t) => t.startsWith('sanshe.dlq.'))).toEqual([
        `${deadLetterTopic(`sanshe-${service}`)}*`,
      ]);
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

  it("lets governance alone, the portal registry, create portals' topics and manage ACLs", () => {
    const admin = (op: AclOperationTypes) =>
      aclEntries(grants)
        .filter((a) => a.operation === op)
        .map(
          (a) =>
            `${a.principal} ${a.resourceName}${a.resourcePatternType === ResourcePatternTypes.PREFIXED ? '*' : ''}`,
        );
    // Besides each service's own dead-letter topics (checked per service above).
    const created = admin(AclOperationTypes.CREATE).filter((entry) => !/ sanshe\.dlq\./.test(entry));
    expect(created).toEqual(['User:governance sanshe.portal.*']);
    expect(admin(AclOperationTypes.ALTER)).toEqual(['User:governance kafka-cluster']);
    expect(admin(AclOperationTypes.DESCRIBE)).toEqual(['User:governance kafka-cluster']);
  });

  it('creates every literal topic someone writes (the broker creates none), never a prefix', () => {
    const topics = topicsToCreate(grants);
    expect(topics).toEqual(expect.arrayContaining(CONTEXT_SERVICES.map((s) => contextTopic(s))));
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

  it("never removes the replying services' WRITE on a portal's replies topic: the registry grants it at run time", () => {
    const governanceWrite = desired.find(
      (a) => a.principal === 'User:governance' && a.operation === AclOperationTypes.WRITE,
    );
    if (!governanceWrite) throw new Error('acls.json grants governance no write');
    const registered = { ...governanceWrite, resourceName: portalRepliesTopic('street-310104-005') };
    const notReplies = { ...governanceWrite, resourceName: portalCommandsTopic('street-310104-005') };
    const users = grants.map((g) => g.user);
    expect(aclDifference(desired, [...desired, registered, notReplies], users)).toEqual({
      create: [],
      remove: [notReplies],
    });
  });
});

describe("withTopicPrefixes (the file applied for the tests' topic prefix too)", () => {
  it('gives each user the same topics under each prefix, its groups unchanged', () => {
    const [community] = withTopicPrefixes([grant('community')], ['', 'test.']);
    expect(community?.produce).toEqual([
      ...grant('community').produce,
      ...grant('community').produce.map((t) => `test.${t}`),
    ]);
    expect(community?.consume).toContain('test.sanshe.governance.events');
    expect(community?.create).toContain(`test.${deadLetterTopic('sanshe-community')}*`);
    expect(community?.groups).toEqual(grant('community').groups);
    expect(community?.produce).not.toContain('test.sanshe.funding.events');
  });

  it("creates the prefixed topics, and keeps the registry's grants on prefixed replies topics", () => {
    expect(topicsToCreate(withTopicPrefixes(grants))).toEqual(
      expect.arrayContaining(['sanshe.community.events', 'test.sanshe.community.events']),
    );
    const registryGrant = aclEntries([
      { user: 'funding', kind: 'service', produce: ['test.sanshe.portal.registered.replies'], consume: [], groups: [] },
    ]).filter((a) => a.resourceType === AclResourceTypes.TOPIC);
    expect(aclDifference([], registryGrant, ['funding'])).toEqual({ create: [], remove: [] });
  });
});
