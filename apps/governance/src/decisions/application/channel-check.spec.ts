import { HealthRegistry } from '@sanshe/nest-platform';
import type { ControllerMap } from '../../parties/domain/controller-map';
import type { BridgePortals } from '../domain/bridge-portals';
import { ChannelCheck } from './channel-check';

/** The bridge's /health entry, with `unheard` answering as given. */
async function bridgeHealth(unheard: () => Promise<string[]>) {
  const health = new HealthRegistry();
  const portals = { heard: ['street-310104-005'], unheard } as BridgePortals;
  new ChannelCheck({} as ControllerMap, health, portals);
  const bridge = health.all().find((check) => check.name === 'bridge');
  return bridge?.check(new AbortController().signal);
}

describe("the bridge's /health", () => {
  it('lists the portals heard since boot and those named since, heard after a restart', async () => {
    expect(await bridgeHealth(async () => ['street-310104-006'])).toEqual({
      refusedWrongChannel: 0,
      heardPortals: ['street-310104-005'],
      unheardPortals: ['street-310104-006'],
    });
  });

  it('stays up when the portals named now cannot be read: the postgres check reports that', async () => {
    const reply = await bridgeHealth(() => Promise.reject(new Error('connection refused')));
    expect(reply).toMatchObject({ unheardPortals: 'unknown: connection refused' });
  });
});
