import type { EntityManager } from 'typeorm';
import type { SansheEvent } from '@sanshe/contracts';
import type { Delivery } from './incoming-message';
import { FeatureEventRegistry } from './feature-event-registry';

const DECIDED = 'sanshe.governance.decision.decided.v1';
const event = { id: 'e-1', type: DECIDED } as unknown as SansheEvent<typeof DECIDED>;
const manager = {} as EntityManager;
const delivery = {} as Delivery;

/** The merged decision.decided handler, which must be there. */
function mergedDecided(registry: FeatureEventRegistry) {
  const handler = registry.handlers()[DECIDED];
  if (!handler) throw new Error('no merged handler for decision.decided');
  return handler;
}

describe('FeatureEventRegistry', () => {
  it('runs every feature’s handler of a type, in registration order, with the same manager', async () => {
    const registry = new FeatureEventRegistry();
    const calls: [string, EntityManager][] = [];
    registry.register('votes', { [DECIDED]: async (_e, m) => void calls.push(['votes', m]) });
    registry.register('needs', { [DECIDED]: async (_e, m) => void calls.push(['needs', m]) });
    await mergedDecided(registry)(event, manager, delivery);
    expect(calls).toEqual([
      ['votes', manager],
      ['needs', manager],
    ]);
    expect(registry.featuresOf(DECIDED)).toEqual(['votes', 'needs']);
  });

  it('includes a registration made after handlers() was first read', async () => {
    const registry = new FeatureEventRegistry();
    expect(registry.handlers()[DECIDED]).toBeUndefined();
    const seen: string[] = [];
    registry.register('overview', { [DECIDED]: async (e) => void seen.push(e.id) });
    await mergedDecided(registry)(event, manager, delivery);
    expect(seen).toEqual(['e-1']);
  });

  it('stops at a failing handler, so the inbox transaction rolls back the whole event', async () => {
    const registry = new FeatureEventRegistry();
    const seen: string[] = [];
    registry.register('votes', {
      [DECIDED]: async () => {
        throw new Error('boom');
      },
    });
    registry.register('needs', { [DECIDED]: async () => void seen.push('needs') });
    await expect(mergedDecided(registry)(event, manager, delivery)).rejects.toThrow('boom');
    expect(seen).toEqual([]);
  });

  it('refuses one feature registering one type twice', () => {
    const registry = new FeatureEventRegistry();
    registry.register('votes', { [DECIDED]: async () => undefined });
    expect(() => registry.register('votes', { [DECIDED]: async () => undefined })).toThrow(/votes registered/);
  });
});
