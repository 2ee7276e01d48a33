import { createEvent, portalPaymentConfirmed, validateEvent } from '@sanshe/contracts';
import type { EntityManager } from 'typeorm';
import type { OutboxWriter } from '@sanshe/messaging';
import { PortalReplies, replyId } from './portal-replies';

const command = createEvent({
  type: 'sanshe.portal.payment.confirmed.v1',
  source: 'portal/street-xinhua',
  subject: 'pay-1',
  data: portalPaymentConfirmed.example,
});

function recording() {
  const published: Record<string, unknown>[] = [];
  const outbox = { publish: async (_m: unknown, event: Record<string, unknown>) => void published.push(event) };
  return { replies: new PortalReplies(outbox as unknown as OutboxWriter), published };
}

describe('PortalReplies', () => {
  const manager = {} as EntityManager;

  it('answers accepted with what was done, under an id derived from the command', async () => {
    const { replies, published } = recording();
    await replies.answer(manager, command, 'street-xinhua', { result: { paymentId: 'pay-1' } });
    expect(published).toEqual([
      {
        type: 'sanshe.funding.portal.command-accepted.v1',
        id: replyId(command),
        subject: command.id,
        correlationid: command.id,
        data: {
          commandId: command.id,
          commandType: command.type,
          portalId: 'street-xinhua',
          result: { paymentId: 'pay-1' },
        },
      },
    ]);
  });

  it('answers rejected with the code and reason; both answers share the id, so only one is ever kept', async () => {
    const { replies, published } = recording();
    await replies.answer(manager, command, 'street-xinhua', { code: 'unknown-payment', reason: 'no payment pay-1' });
    expect(published[0]).toMatchObject({
      type: 'sanshe.funding.portal.command-rejected.v1',
      id: replyId(command),
      data: { code: 'unknown-payment', reason: 'no payment pay-1', portalId: 'street-xinhua' },
    });
  });

  it('derives the id from the command identity: the same command the same id, another source another id', () => {
    expect(replyId(command)).toBe(replyId({ ...command }));
    expect(replyId({ ...command, source: 'portal/other' })).not.toBe(replyId(command));
    expect(replyId(command)).toMatch(/^portal-reply\/[0-9a-f]{64}$/);
  });

  it('writes replies the contract accepts', async () => {
    const { replies, published } = recording();
    await replies.answer(manager, command, 'street-xinhua', { result: { paymentId: 'pay-1' } });
    await replies.answer(manager, command, 'street-xinhua', { code: 'portal-suspended', reason: 'suspended' });
    for (const reply of published) {
      const event = createEvent({ ...reply, source: 'sanshe/funding' } as never);
      expect(validateEvent(JSON.parse(JSON.stringify(event)))).toMatchObject({ type: reply.type, id: reply.id });
    }
  });
});
