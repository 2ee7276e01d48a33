import type { EntityManager } from 'typeorm';
import { contextTopic, type EventType, type SansheEvent } from '@sanshe/contracts';
import { type Delivery, type EventHandler, PermanentEventError } from '@sanshe/messaging';
import { CommunityEventRegistry } from '../../../events/community-event-registry';
import type { TrackDecisions } from '../../application/track-decisions';
import type { TrackFilings } from '../../application/track-filings';
import { DecisionEventsSubscriber } from './decision-events.subscriber';

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
function spy<T>(methods: string[], calls: string[]): T {
  return Object.fromEntries(methods.map((name) => [name, async () => void calls.push(name)])) as T;
}

const delivery = (topic: string): Delivery => ({ topic, partition: 0, offset: '0', timestamp: '0' }) as Delivery;
const event = (type: EventType, source: string) =>
  ({ type, source, id: 'e-1', subject: 'd', data: { decisionId: 'd' } }) as unknown as SansheEvent;

describe('the votes feature’s governance handlers', () => {
  const registry = new CommunityEventRegistry();
  const calls: string[] = [];
  const decisions = spy<TrackDecisions>(['opened', 'roundOpened', 'moved', 'decided', 'voteRejected'], calls);
  const filings = spy<TrackFilings>(['noticed', 'calledIn', 'withdrawn', 'callInRejected'], calls);
  new DecisionEventsSubscriber(registry, decisions, filings).onModuleInit();
  const handlerOf = (type: EventType) => registry.handlers()[type] as EventHandler<EventType>;
  const manager = {} as EntityManager;

  beforeEach(() => calls.splice(0));

  it('registers every decision and filing type', () => {
    for (const type of TYPES) expect(registry.featuresOf(type)).toEqual(['votes']);
  });

  it.each(TYPES)('%s counts from governance on its topic', async (type) => {
    await handlerOf(type)(event(type, 'sanshe/governance') as never, manager, delivery(contextTopic('governance')));
    expect(calls.length).toBeGreaterThan(0);
  });

  it('hands a vote-rejected to both votes and call-ins (each marks only its own event id)', async () => {
    const type = 'sanshe.governance.decision.vote-rejected.v1';
    await handlerOf(type)(event(type, 'sanshe/governance') as never, manager, delivery(contextTopic('governance')));
    expect(calls).toEqual(['voteRejected', 'callInRejected']);
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
        delivery(contextTopic('organization')),
      );
      await expect(elsewhere).rejects.toThrow(/^wrong-channel: /);
      expect(calls).toEqual([]);
    },
  );
});
