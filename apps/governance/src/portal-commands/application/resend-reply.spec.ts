import type { EntityManager } from 'typeorm';
import type { Delivery } from '@sanshe/messaging';
import { replyId } from './portal-replies';
import { resendReply } from './resend-reply';

const manager = {} as EntityManager;
const delivery = (topic: string): Delivery => ({ topic, partition: 2, offset: '7', timestamp: '0' });

function outbox(held: boolean) {
  const calls: [string, string][] = [];
  return {
    calls,
    resend: async (_m: EntityManager, eventId: string, copyId: string) => (calls.push([eventId, copyId]), held),
  };
}

describe('resendReply', () => {
  const command = { type: 'sanshe.portal.decision.arbitrated.v1', source: 'portal/street-xinhua', id: 'cmd-1' };

  it("queues a governance command's stored reply again, in a row named after the duplicate's delivery", async () => {
    const writer = outbox(true);
    const topic = 'sanshe.portal.street-xinhua.commands';
    expect(await resendReply(writer, manager, command, delivery(topic))).toBe(true);
    const id = replyId(command);
    expect(writer.calls).toEqual([[id, `${id}#resent-${topic}/2@7`]]);
  });

  it('says so when the reply is no longer held (pruned)', async () => {
    const writer = outbox(false);
    expect(await resendReply(writer, manager, command, delivery('sanshe.portal.street-xinhua.commands'))).toBe(false);
  });

  it("leaves funding's commands to funding, and answers no event that is not a portal's command", async () => {
    const writer = outbox(true);
    const payment = { ...command, type: 'sanshe.portal.payment.confirmed.v1' };
    expect(await resendReply(writer, manager, payment, delivery('sanshe.portal.street-xinhua.commands'))).toBe(false);
    const submitted = { type: 'sanshe.organization.proposal.submitted.v1', source: 'sanshe/organization', id: 'e-1' };
    expect(await resendReply(writer, manager, submitted, delivery('sanshe.organization.events'))).toBe(false);
    expect(writer.calls).toEqual([]);
  });
});
