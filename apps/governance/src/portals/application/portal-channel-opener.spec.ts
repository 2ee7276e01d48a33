import { Logger } from '@nestjs/common';
import type { Portal } from '../domain/portal';
import { PortalChannels } from '../domain/portal-channels';
import type { PortalRepository } from '../domain/portal.repository';
import { PortalChannelOpener } from './portal-channel-opener';

const portal = (portalId: string, status: Portal['status'] = 'active') => ({ portalId, status }) as Portal;

/** Fails the first `failures` openings of each portal, then opens it. */
class FlakyChannels extends PortalChannels {
  openReplies = () => Promise.resolve();
  readonly tries = new Map<string, number>();
  constructor(private readonly failures: number) {
    super();
  }
  open({ portalId }: Portal): Promise<void> {
    const n = (this.tries.get(portalId) ?? 0) + 1;
    this.tries.set(portalId, n);
    return n <= this.failures ? Promise.reject(new Error('broker away')) : Promise.resolve();
  }
}

const repository = (portals: Portal[]) => ({ list: () => Promise.resolve(portals) }) as unknown as PortalRepository;

describe('PortalChannelOpener', () => {
  beforeAll(() => Logger.overrideLogger(false)); // the retries' warnings are expected here
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('shows pending until an opening succeeds, retrying a failed one with backoff', async () => {
    const channels = new FlakyChannels(2);
    const opener = new PortalChannelOpener(channels, repository([]));
    const opening = opener.open(portal('street-xinhua'));
    expect(opener.channelsOf(portal('street-xinhua'))).toBe('pending');
    await jest.advanceTimersByTimeAsync(500 + 1_000);
    await opening;
    expect(channels.tries.get('street-xinhua')).toBe(3);
    expect(opener.channelsOf(portal('street-xinhua'))).toBe('open');
  });

  it('opens every active portal at startup, not the suspended ones (closed)', async () => {
    const channels = new FlakyChannels(0);
    const opener = new PortalChannelOpener(channels, repository([portal('a'), portal('b', 'suspended')]));
    opener.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(0);
    expect([...channels.tries.keys()]).toEqual(['a']);
    expect(opener.channelsOf(portal('a'))).toBe('open');
    expect(opener.channelsOf(portal('b', 'suspended'))).toBe('closed');
  });

  it('stops retrying at shutdown, the portal left pending', async () => {
    const channels = new FlakyChannels(Infinity);
    const opener = new PortalChannelOpener(channels, repository([]));
    const opening = opener.open(portal('a'));
    await jest.advanceTimersByTimeAsync(0);
    await opener.onApplicationShutdown();
    await opening;
    expect(channels.tries.get('a')).toBe(1);
    expect(opener.channelsOf(portal('a'))).toBe('pending');
  });
});
