import type { EntityManager } from 'typeorm';
import { type EventType, type SansheEvent, validateEvent } from '@sanshe/contracts';
import type { OutboxWriter } from '@sanshe/messaging';
import { commandingPortal, kebab, noteArrival, replyAccepted, replyId, replyRejected } from './portal-replies';

const arbitration = {
  specversion: '1.0',
  id: 'cmd-1',
  source: 'portal/street-xinhua',
  type: 'sanshe.portal.decision.arbitrated.v1',
  subject: 'decision/activity-proposal/p-1',
  time: '2026-03-02T09:30:00.000Z',
  datacontenttype: 'application/json',
  data: {},
} as unknown as SansheEvent<EventType>;

/** A fake outbox that validates each event as the real one does (the contract's schema), and keeps them. */
function outbox() {
  const published: SansheEvent[] = [];
  const publish = jest.fn(async (_manager: EntityManager, event: Parameters<OutboxWriter['publish']>[1]) => {
    const built = validateEvent({
      ...event,
      specversion: '1.0',
      source: 'sanshe/governance',
      time: arbitration.time,
      datacontenttype: 'application/json',
    });
    published.push(built);
    return built;
  });
  return { publish: publish as unknown as OutboxWriter['publish'], published, mock: publish };
}

describe('commandingPortal', () => {
  it('is the portal whose commands topic a command came from, whatever source or type it claims', () => {
    expect(commandingPortal(arbitration, 'sanshe.portal.street-xinhua.commands')).toBe('street-xinhua');
    expect(commandingPortal({ ...arbitration, source: 'portal/other' }, 'sanshe.portal.street-xinhua.commands')).toBe(
      'street-xinhua',
    );
    const communityVote = { type: 'sanshe.community.decision.vote-cast.v1', source: 'sanshe/community' };
    expect(commandingPortal(communityVote, 'sanshe.portal.street-xinhua.commands')).toBe('street-xinhua');
  });

  it("falls back to a portal command's source when it is applied from another topic (a parked vote)", () => {
    expect(commandingPortal(arbitration, 'sanshe.organization.events')).toBe('street-xinhua');
    expect(commandingPortal(arbitration)).toBe('street-xinhua');
    expect(commandingPortal({ ...arbitration, source: 'portal/Not_An_Id' })).toBeNull();
  });

  it("is null for a service's event on a service's topic, and for funding's commands (funding answers them)", () => {
    const communityVote = { type: 'sanshe.community.decision.vote-cast.v1', source: 'sanshe/community' };
    expect(commandingPortal(communityVote, 'sanshe.community.events')).toBeNull();
    const payment = { type: 'sanshe.portal.payment.confirmed.v1', source: 'portal/street-xinhua' };
    expect(commandingPortal(payment, 'sanshe.portal.street-xinhua.commands')).toBeNull();
    const program = { type: 'sanshe.portal.funding-program.open-requested.v1', source: 'portal/street-xinhua' };
    expect(commandingPortal(program, 'sanshe.portal.street-xinhua.commands')).toBeNull();
  });
});

describe('replies', () => {
  it('accept a command under an id from its identity, subject and commandId its id, on its portal', async () => {
    const manager = {} as EntityManager;
    noteArrival(manager, 'sanshe.portal.street-xinhua.commands');
    const { publish, published } = outbox();
    await replyAccepted({ publish }, manager, arbitration, { decisionId: 'decision/activity-proposal/p-1' });
    expect(published).toEqual([
      expect.objectContaining({
        type: 'sanshe.governance.portal.command-accepted.v1',
        id: replyId(arbitration),
        subject: 'cmd-1',
        data: {
          commandId: 'cmd-1',
          commandType: 'sanshe.portal.decision.arbitrated.v1',
          portalId: 'street-xinhua',
          result: { decisionId: 'decision/activity-proposal/p-1' },
        },
      }),
    ]);
  });

  it('reject with the same id (the first answer wins in the outbox), the code kebab-cased', async () => {
    const { publish, published } = outbox();
    await replyRejected({ publish }, {} as EntityManager, arbitration, 'notTheArbiter', 'portal:x is not the arbiter');
    expect(published).toEqual([
      expect.objectContaining({
        type: 'sanshe.governance.portal.command-rejected.v1',
        id: replyId(arbitration),
        data: expect.objectContaining({ code: 'not-the-arbiter', reason: 'portal:x is not the arbiter' }) as unknown,
      }),
    ]);
  });

  it("answer nothing for a service's event", async () => {
    const { publish, mock } = outbox();
    const vote = { ...arbitration, type: 'sanshe.community.decision.vote-cast.v1', source: 'sanshe/community' };
    await replyRejected({ publish }, {} as EntityManager, vote as SansheEvent<EventType>, 'wrong-channel', 'no');
    await replyAccepted({ publish }, {} as EntityManager, vote as SansheEvent<EventType>);
    expect(mock).not.toHaveBeenCalled();
  });

  it('differ per command identity: another source with the same id is another command', () => {
    expect(replyId(arbitration)).not.toBe(replyId({ ...arbitration, source: 'portal/other' }));
    expect(replyId(arbitration)).toMatch(/^portal-reply\/[0-9a-f]{64}$/);
  });

  it.each([
    ['wrong-channel', 'wrong-channel'],
    ['notTheArbiter', 'not-the-arbiter'],
    ['VOTING_CLOSED', 'voting-closed'],
    ['', 'refused'],
  ])('kebab-cases %j as %j', (code, expected) => {
    expect(kebab(code)).toBe(expected);
  });
});
