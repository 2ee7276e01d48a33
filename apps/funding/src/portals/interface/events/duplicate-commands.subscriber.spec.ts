import type { EntityManager } from 'typeorm';
import type { DuplicateHandler, InboxService, OutboxWriter } from '@sanshe/messaging';
import { replyId } from '../../application/portal-replies';
import { DuplicateCommandsSubscriber } from './duplicate-commands.subscriber';

function subscribed() {
  let answer: DuplicateHandler | undefined;
  const inbox = { processor: { answerDuplicates: (handler: DuplicateHandler) => (answer = handler) } };
  const calls: [string, string][] = [];
  const outbox = {
    resend: async (_m: EntityManager, eventId: string, copyId: string) => (calls.push([eventId, copyId]), true),
  };
  new DuplicateCommandsSubscriber(inbox as unknown as InboxService, outbox as unknown as OutboxWriter).onModuleInit();
  if (!answer) throw new Error('no duplicate handler registered');
  return { answer, calls };
}

const command = (type: string) =>
  ({ type, source: 'portal/xuhui-welfare-fund', id: 'cmd-1' }) as Parameters<DuplicateHandler>[0];
const delivery = (topic: string) => ({ topic, partition: 0, offset: '12', timestamp: '0' });

describe('DuplicateCommandsSubscriber', () => {
  const topic = 'sanshe.portal.xuhui-welfare-fund.commands';

  it("queues a funding command's stored reply again when the command arrives twice", async () => {
    const { answer, calls } = subscribed();
    const payment = command('sanshe.portal.payment.confirmed.v1');
    await answer(payment, {} as EntityManager, delivery(topic));
    const id = replyId(payment);
    expect(calls).toEqual([[id, `${id}#resent-${topic}/0@12`]]);
  });

  it("leaves governance's commands, and events off a commands topic, alone", async () => {
    const { answer, calls } = subscribed();
    await answer(command('sanshe.portal.decision.arbitrated.v1'), {} as EntityManager, delivery(topic));
    await answer(
      command('sanshe.portal.payment.confirmed.v1'),
      {} as EntityManager,
      delivery('sanshe.governance.events'),
    );
    expect(calls).toEqual([]);
  });
});
