import type { EntityManager } from 'typeorm';
import type { EventType, SansheEvent } from '@sanshe/contracts';
import type { ParkedUpdateRepository } from '../domain/parked-update.repository';
import type { ApplyDecisionUpdateHandler } from './apply-decision-update';
import { ApplyParkedUpdatesHandler } from './apply-parked-updates';
import { BridgeEventRegistry } from './bridge-event-registry';
import type { RejectDecisionEventHandler } from './reject-decision-event';

const manager = {} as EntityManager;
const decisionId = 'decision/activity-proposal/p-1';
const parkedVote = (partyId: string, source: string) => ({
  kind: 'vote',
  request: { partyId, castBy: partyId, choice: 'approve' },
  event: { id: `evt-${partyId}`, source, type: 'sanshe.portal.decision.vote-cast.v1' } as SansheEvent<EventType>,
});

function handler(registry?: BridgeEventRegistry) {
  const portal = parkedVote('portal:street-xinhua', 'portal/street-xinhua');
  const community = parkedVote('community:c', 'sanshe/community');
  const parked = { lockDecision: jest.fn(), takeFor: jest.fn().mockResolvedValue([portal, community]) };
  const applyUpdate = { execute: jest.fn().mockResolvedValue('accepted') };
  const reject = { execute: jest.fn() };
  const apply = new ApplyParkedUpdatesHandler(
    parked as unknown as ParkedUpdateRepository,
    applyUpdate as unknown as ApplyDecisionUpdateHandler,
    registry,
    reject as unknown as RejectDecisionEventHandler,
  );
  return { apply, applyUpdate, reject, portal, community };
}

describe('ApplyParkedUpdatesHandler', () => {
  it('refuses a parked update its check refuses now that the decision is open, and applies the others', async () => {
    const registry = new BridgeEventRegistry();
    const refusal = { code: 'outside-jurisdiction', reason: `${decisionId} is about 310104-011-001` };
    registry.checkParkedWith(async (_manager, event) => (event.source.startsWith('portal/') ? refusal : null));
    const { apply, applyUpdate, reject, portal, community } = handler(registry);
    await expect(apply.execute(manager, decisionId)).resolves.toBe(2);
    expect(reject.execute).toHaveBeenCalledWith(manager, {
      event: portal.event,
      decisionId,
      partyId: 'portal:street-xinhua',
      castBy: 'portal:street-xinhua',
      ...refusal,
    });
    expect(applyUpdate.execute).toHaveBeenCalledTimes(1);
    expect(applyUpdate.execute).toHaveBeenCalledWith(manager, expect.objectContaining({ event: community.event }));
  });

  it('applies every parked update when nothing checks them (no portal feature in the process)', async () => {
    const { apply, applyUpdate, reject } = handler();
    await apply.execute(manager, decisionId);
    expect(applyUpdate.execute).toHaveBeenCalledTimes(2);
    expect(reject.execute).not.toHaveBeenCalled();
  });
});
