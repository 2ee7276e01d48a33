import type { EntityManager } from 'typeorm';
import type { OutboxWriter } from '@sanshe/messaging';
import type { ControllerMap } from '../../parties/domain/controller-map';
import { type ControllerRule, DEFAULT_CONTROLLER_RULES } from '../../parties/domain/party-controller';
import { RegisteredControllers } from '../../parties/domain/registered-controllers';
import type { Portal } from '../domain/portal';
import { PortalConflict, PortalInputInvalid } from '../domain/portal-errors';
import type { PortalRepository, PortalTransaction } from '../domain/portal.repository';
import { REGISTRY_ORIGIN } from '../domain/portal-rules';
import type { PortalChannelOpener } from './portal-channel-opener';
import { RegisterPortalHandler } from './register-portal';
import { UpdatePortalHandler } from './update-portal';

/** The registry in memory; `published` is what went to the outbox, in order. */
function world(configured: ControllerRule[] = []) {
  const rows = new Map<string, Portal>();
  const published: { type: string; id: string; data: unknown }[] = [];
  const opened: string[] = [];
  const tx: PortalTransaction = {
    manager: {} as EntityManager,
    find: (id) => Promise.resolve(rows.get(id) ?? null),
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
  const args = [repository, outbox, controllers, registered, opener as unknown as PortalChannelOpener] as const;
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
