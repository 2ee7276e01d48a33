import type { EntityManager } from 'typeorm';
import { contextTopic, type EventType, type SansheEvent } from '@sanshe/contracts';
import { type Delivery, type EventHandler, PermanentEventError } from '@sanshe/messaging';
import { OrganizationEventRegistry } from '../../../events/organization-event-registry';
import type { TrackGovernance } from '../../application/track-governance';
import { GovernanceSubscriber } from './governance.subscriber';

const TYPES = [
  'sanshe.governance.decision.opened.v1',
  'sanshe.governance.decision.round-opened.v1',
  'sanshe.governance.decision.deliberation-opened.v1',
  'sanshe.governance.decision.escalated.v1',
  'sanshe.governance.decision.decided.v1',
  'sanshe.governance.decision.vote-rejected.v1',
  'sanshe.governance.filing.noticed.v1',
  'sanshe.governance.filing.called-in.v1',
  'sanshe.governance.filing.withdrawn.v1',
] as const;

/** Every tracker method, recording that it ran. */
function trackerSpy(): { track: TrackGovernance; calls: string[] } {
  const calls: string[] = [];
  const methods = [
    'opened',
    'roundOpened',
    'moved',
    'decided',
    'voteRejected',
    'filingNoticed',
    'filingCalledIn',
    'filingWithdrawn',
  ];
  const track = Object.fromEntries(methods.map((name) => [name, async () => void calls.push(name)]));
  return { track: track as unknown as TrackGovernance, calls };
}

const delivery = (topic: string): Delivery => ({ topic, partition: 0, offset: '0', timestamp: '0' }) as Delivery;
const event = (type: EventType, source: string) =>
  ({ type, source, id: 'e-1', subject: 'd', data: { decisionId: 'd' } }) as unknown as SansheEvent;

describe('the votes feature’s governance handlers', () => {
  const registry = new OrganizationEventRegistry();
  const { track, calls } = trackerSpy();
  new GovernanceSubscriber(registry, track).onModuleInit();
  const handlerOf = (type: EventType) => registry.handlers()[type] as EventHandler<EventType>;
  const manager = {} as EntityManager;

  beforeEach(() => calls.splice(0));

  it.each(TYPES)('%s counts from governance on its topic', async (type) => {
    await handlerOf(type)(event(type, 'sanshe/governance') as never, manager, delivery(contextTopic('governance')));
    expect(calls).toHaveLength(1);
  });

  it.each(TYPES)(
    '%s from another source or topic is a permanent wrong-channel error, tracking nothing',
    async (type) => {
      const forged = handlerOf(type)(
        event(type, 'sanshe/community') as never,
        manager,
        delivery(contextTopic('governance')),
      );
      await expect(forged).rejects.toThrow(PermanentEventError);
      await expect(forged).rejects.toThrow(/^wrong-channel: /);
      const elsewhere = handlerOf(type)(
        event(type, 'sanshe/governance') as never,
        manager,
        delivery(contextTopic('community')),
      );
      await expect(elsewhere).rejects.toThrow(/^wrong-channel: /);
      expect(calls).toEqual([]);
    },
  );
});
