import type { EntityManager } from 'typeorm';
import { type Deregistration, DeregistrationListeners } from './deregistration-listeners';

const MANAGER = {} as EntityManager;
const GONE: Deregistration = { organizationId: 'org-a', reason: '注销', at: '2026-11-27T08:00:00.000Z' };

describe('DeregistrationListeners', () => {
  it('calls activities before proposals whatever the registration order, each with the manager', async () => {
    const calls: string[] = [];
    const listeners = new DeregistrationListeners();
    const record = (name: string) => async (manager: EntityManager, d: Deregistration) => {
      expect(manager).toBe(MANAGER);
      calls.push(`${name}:${d.organizationId}`);
    };
    listeners.register('proposals', 'withdraw-proposals', record('proposals'));
    listeners.register('activities', 'end-activities', record('activities'));
    listeners.register('later', 'withdraw-proposals', record('later'));
    expect(listeners.features()).toEqual(['activities', 'proposals', 'later']);
    await listeners.notify(MANAGER, GONE);
    expect(calls).toEqual(['activities:org-a', 'proposals:org-a', 'later:org-a']);
  });

  it('stops at a listener that throws and rethrows it (the status change then rolls back)', async () => {
    const calls: string[] = [];
    const listeners = new DeregistrationListeners();
    listeners.register('activities', 'end-activities', async () => {
      throw new Error('activity store down');
    });
    listeners.register('proposals', 'withdraw-proposals', async () => {
      calls.push('proposals');
    });
    await expect(listeners.notify(MANAGER, GONE)).rejects.toThrow('activity store down');
    expect(calls).toEqual([]);
  });

  it('refuses a feature registered twice', () => {
    const listeners = new DeregistrationListeners();
    listeners.register('activities', 'end-activities', async () => undefined);
    expect(() => listeners.register('activities', 'end-activities', async () => undefined)).toThrow(/twice/);
  });
});
