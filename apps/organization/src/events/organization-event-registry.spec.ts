import type { EntityManager } from 'typeorm';
import type { SansheEvent } from '@sanshe/contracts';
import type { Delivery } from '@sanshe/messaging';
import { OrganizationEventRegistry } from './organization-event-registry';

const DECIDED = 'sanshe.governance.decision.decided.v1';
const decided = { id: 'd-1', type: DECIDED } as unknown as SansheEvent<typeof DECIDED>;
const manager = {} as EntityManager;
const delivery = {} as Delivery;

describe('OrganizationEventRegistry', () => {
  it('runs the features of one type in registration order, in the same transaction, even when registered late', async () => {
    const registry = new OrganizationEventRegistry();
    expect(registry.handlers()[DECIDED]).toBeUndefined();
    const ran: [string, EntityManager][] = [];
    registry.register('votes', { [DECIDED]: async (_event, m) => void ran.push(['votes', m]) });
    registry.register('proposals', { [DECIDED]: async (_event, m) => void ran.push(['proposals', m]) });
    await registry.handlers()[DECIDED]?.(decided, manager, delivery);
    expect(ran).toEqual([
      ['votes', manager],
      ['proposals', manager],
    ]);
    expect(registry.featuresOf(DECIDED)).toEqual(['votes', 'proposals']);
  });

  it('stops at the first failure, so the inbox rolls the whole event back', async () => {
    const registry = new OrganizationEventRegistry();
    const ran: string[] = [];
    registry.register('votes', {
      [DECIDED]: async () => {
        throw new Error('down');
      },
    });
    registry.register('proposals', { [DECIDED]: async () => void ran.push('proposals') });
    await expect(registry.handlers()[DECIDED]?.(decided, manager, delivery)).rejects.toThrow('down');
    expect(ran).toEqual([]);
  });

  it('refuses a feature registering one type twice', () => {
    const registry = new OrganizationEventRegistry();
    registry.register('votes', { [DECIDED]: async () => undefined });
    expect(() => registry.register('votes', { [DECIDED]: async () => undefined })).toThrow(/votes registered/);
  });
});
