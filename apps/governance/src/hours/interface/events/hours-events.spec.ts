import type { EntityManager } from 'typeorm';
import type { EventType, SansheEvent } from '@sanshe/contracts';
import type { Delivery, EventHandler } from '@sanshe/messaging';
import { hoursEventHandlers, type HoursUseCases } from './hours-events';

const manager = {} as EntityManager;
const delivery: Delivery = { topic: 'sanshe.community.events', partition: 0, offset: '1', timestamp: '0' };
const event = <T extends EventType>(type: T, data: unknown) =>
  ({ id: 'evt-1', type, data }) as unknown as SansheEvent<T>;

function handlers(wrongChannel: string | null = null) {
  const useCases = {
    start: { execute: jest.fn() },
    applyUpdate: { execute: jest.fn() },
    channels: { refusal: jest.fn().mockResolvedValue(wrongChannel) },
    reject: { execute: jest.fn() },
  };
  const all = hoursEventHandlers(useCases as unknown as HoursUseCases);
  const handle = <T extends EventType>(e: SansheEvent<T>) => (all[e.type] as EventHandler<T>)(e, manager, delivery);
  return { all, handle, ...useCases };
}

const party = 'community:310104-005-001';
const answer = { hoursId: 'hrs-1', communityCode: '310104-005-001', partyId: party, castBy: party };
const confirmed = event('sanshe.community.hours.confirmed.v1', answer);
const reason = { code: 'not-served', text: '当天未到场' };
const disputed = event('sanshe.community.hours.disputed.v1', { ...answer, reason });
const recorded = event('sanshe.talent.hours.recorded.v1', { hoursId: 'hrs-1' });

describe('hoursEventHandlers', () => {
  it('handles talent.hours.recorded and community.hours.confirmed/disputed', () => {
    expect(Object.keys(handlers().all).sort()).toEqual([
      'sanshe.community.hours.confirmed.v1',
      'sanshe.community.hours.disputed.v1',
      'sanshe.talent.hours.recorded.v1',
    ]);
  });

  it('starts the workflow for recorded hours from the talent context, and applies answers on their party’s channel', async () => {
    const { handle, channels, start, applyUpdate } = handlers();
    await handle(recorded);
    expect(channels.refusal).toHaveBeenLastCalledWith(recorded, delivery, { owner: 'talent' });
    expect(start.execute).toHaveBeenCalledWith(manager, recorded);
    await handle(confirmed);
    expect(channels.refusal).toHaveBeenLastCalledWith(confirmed, delivery, { partyIds: [party] });
    expect(applyUpdate.execute).toHaveBeenLastCalledWith(manager, {
      hoursId: 'hrs-1',
      update: { kind: 'confirm', request: { partyId: party, castBy: party } },
      event: confirmed,
    });
    await handle(disputed);
    expect(applyUpdate.execute).toHaveBeenLastCalledWith(manager, {
      hoursId: 'hrs-1',
      update: { kind: 'dispute', request: { partyId: party, castBy: party, reason, eventId: 'evt-1' } },
      event: disputed,
    });
  });

  it('refuses an event from the wrong channel as wrong-channel, changing nothing', async () => {
    const { handle, reject, start, applyUpdate } = handlers('arrived on the wrong topic');
    await handle(recorded);
    await handle(confirmed);
    expect(start.execute).not.toHaveBeenCalled();
    expect(applyUpdate.execute).not.toHaveBeenCalled();
    expect(reject.execute).toHaveBeenLastCalledWith(manager, {
      event: confirmed,
      hoursId: 'hrs-1',
      partyId: party,
      castBy: party,
      code: 'wrong-channel',
      reason: 'arrived on the wrong topic',
    });
  });

  it('refuses an answer sent by another identity than its party as wrong-identity', async () => {
    const { handle, reject, applyUpdate } = handlers();
    const impostor = event('sanshe.community.hours.confirmed.v1', { ...answer, castBy: 'community:310104-005-002' });
    await handle(impostor);
    expect(applyUpdate.execute).not.toHaveBeenCalled();
    expect(reject.execute).toHaveBeenCalledWith(manager, expect.objectContaining({ code: 'wrong-identity' }));
  });
});
