import type { EntityManager } from 'typeorm';
import { DECISION_CALL_IN_EVENTS, type EventType, type SansheEvent } from '@sanshe/contracts';
import type { Delivery, EventHandler } from '@sanshe/messaging';
import { filingEventHandlers, type FilingUseCases } from './filing-events';

const manager = {} as EntityManager;
const delivery: Delivery = { topic: 'sanshe.organization.events', partition: 0, offset: '1', timestamp: '0' };
const event = <T extends EventType>(type: T, data: unknown) =>
  ({ id: 'evt-1', type, data }) as unknown as SansheEvent<T>;

function handlers(wrongChannel: string | null = null) {
  const useCases = {
    notice: { execute: jest.fn() },
    requestCallIn: { execute: jest.fn() },
    close: { execute: jest.fn() },
    channels: { refusal: jest.fn().mockResolvedValue(wrongChannel) },
    reject: { execute: jest.fn() },
  };
  const all = filingEventHandlers(useCases as unknown as FilingUseCases);
  const handle = <T extends EventType>(e: SansheEvent<T>, at: Delivery = delivery) =>
    (all[e.type] as EventHandler<T>)(e, manager, at);
  return { all, handle, ...useCases };
}

const callIn = event('sanshe.talent.filing.call-in-requested.v1', {
  proposalId: 'prop-7',
  decisionId: 'decision/activity-proposal/prop-7',
  partyId: 'talent:district-social-workers',
  castBy: 'talent:district-social-workers',
  reason: { code: 'needs-review', text: '请审议' },
});

describe('filingEventHandlers', () => {
  it('handles proposal.filed, the five call-in types and proposal.withdrawn', () => {
    expect(Object.keys(handlers().all).sort()).toEqual(
      [
        'sanshe.organization.proposal.filed.v1',
        'sanshe.organization.proposal.withdrawn.v1',
        ...DECISION_CALL_IN_EVENTS.map(({ type }) => type),
      ].sort(),
    );
  });

  it("judges a call-in on its party's channel, with the broker's append time", async () => {
    const { handle, channels, requestCallIn } = handlers();
    await handle(callIn, { ...delivery, brokerTime: 1_800_000_000_000 });
    expect(channels.refusal).toHaveBeenCalledWith(callIn, expect.anything(), {
      partyIds: ['talent:district-social-workers'],
    });
    expect(requestCallIn.execute).toHaveBeenCalledWith(manager, { event: callIn, brokerTime: 1_800_000_000_000 });
  });

  it('refuses a call-in or a filing from the wrong channel as wrong-channel, naming the would-be decision', async () => {
    const { handle, reject, requestCallIn, notice, channels } = handlers('arrived on the wrong topic');
    await handle(callIn);
    const filed = event('sanshe.organization.proposal.filed.v1', { proposalId: 'prop-8', organizationId: 'org-x' });
    await handle(filed);
    expect(channels.refusal).toHaveBeenLastCalledWith(filed, delivery, { owner: 'organization' });
    expect(requestCallIn.execute).not.toHaveBeenCalled();
    expect(notice.execute).not.toHaveBeenCalled();
    expect(reject.execute.mock.calls).toEqual([
      [
        manager,
        expect.objectContaining({
          decisionId: 'decision/activity-proposal/prop-7',
          partyId: 'talent:district-social-workers',
          code: 'wrong-channel',
        }),
      ],
      [
        manager,
        expect.objectContaining({
          decisionId: 'decision/activity-proposal/prop-8',
          castBy: 'organization:org-x',
          code: 'wrong-channel',
        }),
      ],
    ]);
  });

  it("closes a filing withdrawn by its proposer, checked on the proposer's channel", async () => {
    const { handle, close, channels } = handlers();
    const withdrawn = event('sanshe.organization.proposal.withdrawn.v1', {
      proposalId: 'prop-9',
      organizationId: 'org-x',
      withdrawnFrom: 'filing',
    });
    await handle(withdrawn);
    expect(channels.refusal).toHaveBeenCalledWith(withdrawn, delivery, { partyIds: ['organization:org-x'] });
    expect(close.execute).toHaveBeenCalledWith(manager, { event: withdrawn });
  });
});
