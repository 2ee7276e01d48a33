import type { EntityManager } from 'typeorm';
import type { LiveTopics } from '@sanshe/messaging';
import type { Portal } from '../domain/portal';
import type { PortalRepository } from '../domain/portal.repository';
import { FollowPortalHandler } from './follow-portal';

const portal: Portal = {
  portalId: 'street-xinhua',
  name: '新华路街道',
  kind: 'street-office',
  jurisdiction: ['310104-005'],
  kafkaPrincipal: 'User:portal-street-xinhua',
  speaksFor: [],
  status: 'active',
  version: 2,
};

/** The copy's version guard in memory, as the table's ON CONFLICT … WHERE version < EXCLUDED.version. */
function follow(stored: Portal[] = []) {
  const taken: string[][] = [];
  const portals = {
    saveIfNewer: async (_m: unknown, p: Portal) => {
      const current = stored.find((s) => s.portalId === p.portalId);
      if (current && current.version >= p.version) return false;
      stored.splice(0, stored.length, ...stored.filter((s) => s.portalId !== p.portalId), p);
      return true;
    },
    listActive: async () => stored.filter((p) => p.status === 'active'),
  };
  const live = { consumeAlsoSoon: async (topics: string[]) => (taken.push(topics), topics) };
  const handler = new FollowPortalHandler(portals as unknown as PortalRepository, live as unknown as LiveTopics);
  return { handler, taken, stored };
}

describe('FollowPortalHandler', () => {
  const manager = {} as EntityManager;

  it("stores a newer version and consumes an active portal's commands topic", async () => {
    const { handler, taken, stored } = follow();
    expect(await handler.execute(manager, portal)).toBe('stored');
    expect(stored).toEqual([portal]);
    expect(taken).toEqual([['sanshe.portal.street-xinhua.commands']]);
  });

  it('never lets an older version (or the same one again) overwrite a newer one', async () => {
    const suspended = { ...portal, status: 'suspended' as const, version: 3 };
    const { handler, taken, stored } = follow([suspended]);
    expect(await handler.execute(manager, portal)).toBe('older');
    expect(await handler.execute(manager, { ...portal, version: 3 })).toBe('older');
    expect(stored).toEqual([suspended]);
    expect(taken).toEqual([]);
  });

  it('takes no topic on for a suspended portal', async () => {
    const { handler, taken } = follow();
    expect(await handler.execute(manager, { ...portal, status: 'suspended' })).toBe('stored');
    expect(taken).toEqual([]);
  });

  it("consumes every active portal's commands topic at startup", async () => {
    const other = { ...portal, portalId: 'xuhui-civil-affairs' };
    const { handler, taken } = follow([portal, other, { ...portal, portalId: 'gone', status: 'suspended' }]);
    handler.onApplicationBootstrap();
    await new Promise((resolve) => setImmediate(resolve));
    expect(taken).toEqual([['sanshe.portal.street-xinhua.commands', 'sanshe.portal.xuhui-civil-affairs.commands']]);
  });
});
