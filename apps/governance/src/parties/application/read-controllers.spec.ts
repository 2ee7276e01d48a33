import type { ControllerRepository } from '../domain/controller.repository';
import { channelRefusal, type ControllerRule, DEFAULT_CONTROLLER_RULES } from '../domain/party-controller';
import { type RegisteredControllerRules, RegisteredControllers } from '../domain/registered-controllers';
import { ReadControllersHandler } from './read-controllers';

class FakeRegistered extends RegisteredControllers {
  reads = 0;
  constructor(public current: RegisteredControllerRules) {
    super();
  }
  read() {
    this.reads++;
    return Promise.resolve(this.current);
  }
}

const stored = { all: () => Promise.resolve([...DEFAULT_CONTROLLER_RULES]) } as ControllerRepository;
const registry = (rules: ControllerRule[], silenced: string[] = []) => ({ rules, silenced });
const street = {
  partyPattern: 'portal:street-xinhua',
  controller: 'portal:street-xinhua' as const,
  origin: 'portal-registry',
};
const fund = {
  partyPattern: 'funder:street-fund',
  controller: 'portal:street-xinhua' as const,
  origin: 'portal-registry',
};

describe('ReadControllersHandler with registered portals', () => {
  it("counts a registered portal as the controller of its speaksFor, over the kind's rule", async () => {
    const map = new ReadControllersHandler(stored, [], new FakeRegistered(registry([street, fund])));
    const resolve = await map.resolver();
    expect(resolve('funder:street-fund')).toBe('portal:street-xinhua');
    expect(resolve('funder:other-fund')).toBe('funding');
    const commands = { topic: 'sanshe.portal.street-xinhua.commands', source: 'portal/street-xinhua' };
    expect(channelRefusal(commands, ['funder:street-fund'], resolve)).toBeNull();
    expect(
      channelRefusal({ topic: 'sanshe.funding.events', source: 'sanshe/funding' }, ['funder:street-fund'], resolve),
    ).toMatch(/speaks only through portal:street-xinhua/);
  });

  it("a suspended portal's parties have no controller: its own events are refused", async () => {
    const map = new ReadControllersHandler(
      stored,
      [],
      new FakeRegistered(registry([], ['portal:street-xinhua', 'funder:street-fund'])),
    );
    const resolve = await map.resolver();
    expect(resolve('portal:street-xinhua')).toBeNull(); // unregistered portals speak for themselves; this one may not
    expect(resolve('funder:street-fund')).toBeNull();
    const commands = { topic: 'sanshe.portal.street-xinhua.commands', source: 'portal/street-xinhua' };
    expect(channelRefusal(commands, ['portal:street-xinhua'], resolve)).toMatch(
      /nobody may speak for portal:street-xinhua/,
    );
  });

  it('a configured rule still wins over a registered one for the same party', async () => {
    const configured = [{ partyPattern: 'funder:street-fund', controller: 'funding' as const, origin: 'config' }];
    const map = new ReadControllersHandler(stored, configured, new FakeRegistered(registry([street, fund])));
    expect((await map.resolver())('funder:street-fund')).toBe('funding');
  });

  it('re-reads at once after a change in this process (revision), else within its cache', async () => {
    const registered = new FakeRegistered(registry([]));
    const map = new ReadControllersHandler(stored, [], registered);
    expect((await map.resolver())('funder:street-fund')).toBe('funding');
    registered.current = registry([street, fund]);
    expect((await map.resolver())('funder:street-fund')).toBe('funding'); // cached
    registered.revision++;
    expect((await map.resolver())('funder:street-fund')).toBe('portal:street-xinhua');
    expect(registered.reads).toBe(2);
  });

  it('without a registry it is the stored and configured rules, as before', async () => {
    const map = new ReadControllersHandler(stored, []);
    expect((await map.resolver())('portal:street-xinhua')).toBe('portal:street-xinhua');
    expect(await map.rules()).toEqual(DEFAULT_CONTROLLER_RULES);
  });
});
