import type { EntityManager } from 'typeorm';
import type { DecisionPolicy } from '@sanshe/contracts';
import type { OutboxWriter } from '@sanshe/messaging';
import type { ControllerMap } from '../../parties/domain/controller-map';
import { type ControllerRule, DEFAULT_CONTROLLER_RULES } from '../../parties/domain/party-controller';
import { RegisteredControllers } from '../../parties/domain/registered-controllers';
import type { PolicyRepository } from '../../policies/domain/policy.repository';
import type { Portal } from '../domain/portal';
import { PortalConflict, PortalInputInvalid } from '../domain/portal-errors';
import type { PortalRepository, PortalTransaction } from '../domain/portal.repository';
import { REGISTRY_ORIGIN } from '../domain/portal-rules';
import { PolicyBreakCheck } from './policy-break-check';
import type { PortalChannelOpener } from './portal-channel-opener';
import { RegisterPortalHandler } from './register-portal';
import { UpdatePortalHandler } from './update-portal';

/** The registry in memory, beside stored `policies`; `published` is what went to the outbox, in order. */
function world(configured: ControllerRule[] = [], policies: DecisionPolicy[] = []) {
  const rows = new Map<string, Portal>();
  const published: { type: string; id: string; data: unknown }[] = [];
  const opened: string[] = [];
  const tx: PortalTransaction = {
    manager: {} as EntityManager,
    find: (id) => Promise.resolve(rows.get(id) ?? null),
    list: () => Promise.resolve([...rows.values()]),
    claimsOn: (partyIds, except) =>
      Promise.resolve(
        [...rows.values()]
          .filter((p) => p.portalId !== except)
          .flatMap((p) => [`portal:${p.portalId}`, ...p.speaksFor].map((partyId) => ({ partyId, portal: p })))
          .filter(({ partyId }) => partyIds.includes(partyId))
          .map(({ partyId, portal }) => ({
            partyId,
            controller: `portal:${portal.portalId}`,
            origin: REGISTRY_ORIGIN,
          })),
      ),
    insert: (p) => {
      const portal = { ...p, registeredAt: new Date(0), updatedAt: new Date(0) };
      rows.set(p.portalId, portal);
      return Promise.resolve(portal);
    },
    update: (p, expected) => {
      const current = rows.get(p.portalId);
      if (current?.version !== expected) return Promise.resolve(null);
      const portal = { ...current, ...p, version: expected + 1 };
      rows.set(p.portalId, portal);
      return Promise.resolve(portal);
    },
  };
  const repository = { locked: (work: (t: PortalTransaction) => unknown) => work(tx) } as unknown as PortalRepository;
  const outbox = {
    publish: (_m: EntityManager, event: { type: string; id: string; data: unknown }) =>
      Promise.resolve(published.push(event)),
  } as unknown as OutboxWriter;
  const controllers = { rules: () => Promise.resolve([...DEFAULT_CONTROLLER_RULES, ...configured]) } as ControllerMap;
  const registered = new (class extends RegisteredControllers {
    read = () => Promise.resolve({ rules: [], silenced: [] });
  })();
  const opener = { open: (p: Portal) => Promise.resolve(void opened.push(`${p.portalId}@${p.version}`)) };
  const stored = { listLatest: () => Promise.resolve(policies.map((policy) => ({ policy }))) };
  const check = new PolicyBreakCheck(stored as unknown as PolicyRepository);
  const args = [repository, outbox, controllers, registered, opener as unknown as PortalChannelOpener, check] as const;
  return {
    rows,
    published,
    opened,
    registered,
    register: new RegisterPortalHandler(...args),
    update: new UpdatePortalHandler(...args),
  };
}

const body = {
  portalId: 'xuhui-civil-affairs',
  name: '徐汇区民政局',
  kind: 'district-bureau',
  jurisdiction: ['310104'],
  kafkaPrincipal: 'User:portal-xuhui-civil-affairs',
  speaksFor: ['funder:xuhui-welfare-fund'],
};

describe('registering and changing portals', () => {
  it('registers once: the event and the opening follow the commit; the same again changes nothing', async () => {
    const w = world();
    expect((await w.register.execute({ body, registeredBy: 'op' })).created).toBe(true);
    expect(
      (await w.register.execute({ body: { ...body, speaksFor: [...body.speaksFor] }, registeredBy: 'op' })).created,
    ).toBe(false);
    expect(w.published.map((e) => e.id)).toEqual(['sanshe.governance.portal.registered.v1:xuhui-civil-affairs:v1']);
    expect(w.opened).toEqual(['xuhui-civil-affairs@1']);
    expect(w.registered.revision).toBe(1);
  });

  it('refuses a party an exact configured rule gives another controller, and a malformed body, storing nothing', async () => {
    const w = world([{ partyPattern: 'funder:xuhui-welfare-fund', controller: 'funding', origin: 'config' }]);
    await expect(w.register.execute({ body, registeredBy: 'op' })).rejects.toMatchObject({ reason: 'party-claimed' });
    await expect(
      w.register.execute({ body: { ...body, kind: 'ministry' }, registeredBy: 'op' }),
    ).rejects.toBeInstanceOf(PortalInputInvalid);
    expect([w.rows.size, w.published.length]).toEqual([0, 0]);
  });

  it('an update at a stale version, or claiming another portal’s party, is a conflict; an empty change stores nothing', async () => {
    const w = world();
    await w.register.execute({ body, registeredBy: 'op' });
    await w.register.execute({
      body: { ...body, portalId: 'street-xinhua', kafkaPrincipal: 'User:s', speaksFor: ['funder:street-fund'] },
      registeredBy: 'op',
    });
    const claim = w.update.execute('xuhui-civil-affairs', { version: 1, speaksFor: ['funder:street-fund'] });
    await expect(claim).rejects.toMatchObject({ reason: 'party-claimed' });
    expect((await w.update.execute('xuhui-civil-affairs', { version: 1, name: body.name })).changed).toBe(false);
    const suspended = await w.update.execute('xuhui-civil-affairs', { version: 1, status: 'suspended' });
    expect(suspended.portal).toMatchObject({ status: 'suspended', version: 2 });
    const stale = w.update.execute('xuhui-civil-affairs', { version: 1, status: 'active' });
    await expect(stale).rejects.toEqual(expect.any(PortalConflict));
    await expect(stale).rejects.toMatchObject({ reason: 'stale-version', current: { version: 2 } });
    expect(w.published.map((e) => e.id)).toEqual([
      'sanshe.governance.portal.registered.v1:xuhui-civil-affairs:v1',
      'sanshe.governance.portal.registered.v1:street-xinhua:v1',
      'sanshe.governance.portal.updated.v1:xuhui-civil-affairs:v2',
    ]);
    expect(w.opened).toEqual(['xuhui-civil-affairs@1', 'street-xinhua@1']); // a suspension opens nothing
  });
});

/** A stored policy seating portal:p and funder:x at `weight` each beside three parties of weight 2. */
const seating = (weight: number, quorum: number): DecisionPolicy => ({
  policyId: 'activity-proposal.street-p',
  decisionKind: 'activity-proposal',
  communityCode: null,
  streetCode: '310104-005',
  title: 'Activities in the street',
  parties: [
    ...['portal:p', 'funder:x'].map((partyId) => ({ partyId, weight })),
    ...['community:{communityCode}', 'organization:fed', 'talent:workers'].map((partyId) => ({ partyId, weight: 2 })),
  ].map((seat) => ({ ...seat, kind: seat.partyId.split(':')[0] ?? '', title: seat.partyId, voteWindowHours: 72 })),
  quorum,
  deliberationHours: 24,
  maxAmendments: 1,
  escalation: [{ arbiterId: 'portal:bureau', title: 'Bureau', deadlineHours: 120, defaultOutcome: 'rejected' }],
  version: 3,
});

const portalP = {
  ...body,
  portalId: 'p',
  kind: 'street-office',
  jurisdiction: ['310104-005'],
  kafkaPrincipal: 'User:portal-p',
  speaksFor: ['funder:x'],
};

describe('a registry change that would break a stored policy (no single veto)', () => {
  it('refuses a portal whose claim joins two seats into a bloc that blocks the quorum, naming policy, rule and controller; nothing changes', async () => {
    // Apart (funder:x is funding's), each seat of 2 leaves the others 8 ≥ 7; as one bloc of 4 it leaves them 6 < 7.
    const w = world([], [seating(2, 7)]);
    const refused = w.register.execute({ body: portalP, registeredBy: 'op' });
    await expect(refused).rejects.toMatchObject({
      reason: 'breaks-policy',
      message: expect.stringMatching(
        /registering portal p would break policy activity-proposal\.street-p \(version 3\): controller-veto by portal:p: portal:p speaks for portal:p \+ funder:x/,
      ),
      breaks: [
        {
          policyId: 'activity-proposal.street-p',
          version: 3,
          violation: expect.objectContaining({
            rule: 'controller-veto',
            controller: 'portal:p',
            partyIds: ['portal:p', 'funder:x'],
          }),
        },
      ],
    });
    expect([w.rows.size, w.published.length, w.opened.length, w.registered.revision]).toEqual([0, 0, 0, 0]);
  });

  it('accepts a claim whose bloc still leaves the others the quorum', async () => {
    const w = world([], [seating(1, 5)]); // a bloc of 2 of 8: the others hold 6 ≥ 5, and 2 < 5
    expect((await w.register.execute({ body: portalP, registeredBy: 'op' })).created).toBe(true);
    expect(w.published.map((e) => e.id)).toEqual(['sanshe.governance.portal.registered.v1:p:v1']);
  });

  it('refuses an update that adds the claim, and a re-activation that would restore the bloc; a suspension always passes', async () => {
    const w = world([], [seating(2, 7)]);
    await w.register.execute({ body: { ...portalP, speaksFor: [] }, registeredBy: 'op' });
    const claim = w.update.execute('p', { version: 1, speaksFor: ['funder:x'] });
    await expect(claim).rejects.toMatchObject({
      reason: 'breaks-policy',
      message: expect.stringMatching(/^changing portal p would break policy activity-proposal\.street-p/),
    });
    expect(w.rows.get('p')).toMatchObject({ speaksFor: [], version: 1 });

    // Suspended with the claim in place (stored behind the API's back, as a row from before this check),
    // then re-activated: the bloc would be back.
    w.rows.set('p', { ...(w.rows.get('p') as Portal), speaksFor: ['funder:x'], status: 'suspended' });
    await expect(w.update.execute('p', { version: 1, status: 'active' })).rejects.toMatchObject({
      reason: 'breaks-policy',
    });
    w.rows.set('p', { ...(w.rows.get('p') as Portal), status: 'active' });
    expect((await w.update.execute('p', { version: 1, status: 'suspended' })).changed).toBe(true);
    expect(w.published.map((e) => e.id)).toEqual([
      'sanshe.governance.portal.registered.v1:p:v1',
      'sanshe.governance.portal.updated.v1:p:v2',
    ]);
  });

  it('does not hold a change to account for a policy broken before it', async () => {
    const policy = seating(1, 5);
    const broken = { ...policy, policyId: 'legacy', parties: [...policy.parties, ...policy.parties.slice(0, 1)] };
    const w = world([], [broken]); // portal:p seated twice: duplicate-party, whatever the map
    expect((await w.register.execute({ body: portalP, registeredBy: 'op' })).created).toBe(true);
  });
});

describe('a registry change that would break a policy where a decision binds it', () => {
  const streetArbiter: DecisionPolicy = {
    ...seating(1, 5),
    escalation: [
      {
        arbiterId: 'portal:street-{streetCode}',
        title: 'Street office',
        deadlineHours: 72,
        defaultOutcome: 'rejected',
      },
    ],
  };
  const office = (portalId: string) => ({ ...portalP, portalId, kafkaPrincipal: `User:portal-${portalId}` });

  it('refuses a street office that would speak for a seat of the decisions it arbitrates in its street (neutral arbiter), naming the street', async () => {
    const w = world([], [streetArbiter]);
    await expect(w.register.execute({ body: office('street-310104-005'), registeredBy: 'op' })).rejects.toMatchObject({
      reason: 'breaks-policy',
      message: expect.stringMatching(
        /policy activity-proposal\.street-p \(version 3\) for a decision in street 310104-005: neutral-arbiter by portal:street-310104-005: arbiter portal:street-310104-005 is spoken for by portal:street-310104-005, which also votes for funder:x/,
      ),
      breaks: [expect.objectContaining({ boundTo: 'street 310104-005' })],
    });
    expect(w.rows.size).toBe(0);
  });

  it('accepts the same claim by a portal no template binds to', async () => {
    const w = world([], [streetArbiter]);
    expect((await w.register.execute({ body: office('street-xinhua'), registeredBy: 'op' })).created).toBe(true);
  });
});
