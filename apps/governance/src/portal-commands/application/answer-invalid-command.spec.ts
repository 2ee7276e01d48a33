import type { EntityManager } from 'typeorm';
import { portalDecisionArbitrated, type SansheEvent } from '@sanshe/contracts';
import type { Delivery, OutboxWriter } from '@sanshe/messaging';
import { AnswerInvalidCommandHandler } from './answer-invalid-command';
import { replyId } from './portal-replies';

const manager = {} as EntityManager;
const onTopic = (topic: string) => ({ topic, partition: 0, offset: '7', timestamp: '0' }) as Delivery;
const ownTopic = onTopic('sanshe.portal.street-xinhua.commands');
const invalid = {
  specversion: '1.0',
  id: 'cmd-9',
  source: 'portal/street-xinhua',
  type: portalDecisionArbitrated.type,
  subject: portalDecisionArbitrated.example.decisionId,
  data: { decisionId: portalDecisionArbitrated.example.decisionId },
} as unknown as SansheEvent;
const REASON = 'invalid sanshe.portal.decision.arbitrated.v1: /data/reason is required';

function handler() {
  const publish = jest.fn();
  return { answer: new AnswerInvalidCommandHandler({ publish } as unknown as OutboxWriter), publish };
}

describe('AnswerInvalidCommandHandler', () => {
  it("answers a portal's command its contract refuses schema-invalid, with the reason naming the field", async () => {
    const { answer, publish } = handler();
    await expect(answer.answer(invalid, REASON, manager, ownTopic)).resolves.toBe(true);
    expect(publish).toHaveBeenCalledWith(manager, {
      type: 'sanshe.governance.portal.command-rejected.v1',
      id: replyId(invalid),
      subject: 'cmd-9',
      correlationid: 'cmd-9',
      data: {
        commandId: 'cmd-9',
        commandType: portalDecisionArbitrated.type,
        portalId: 'street-xinhua',
        code: 'schema-invalid',
        reason: REASON,
      },
    });
  });

  it("declines (dead-letters) funding's commands and anything read from a service's topic", async () => {
    const { answer, publish } = handler();
    const payment = { ...invalid, type: 'sanshe.portal.payment.confirmed.v1' } as SansheEvent;
    await expect(answer.answer(payment, REASON, manager, ownTopic)).resolves.toBe(false);
    await expect(answer.answer(invalid, REASON, manager, onTopic('sanshe.community.events'))).resolves.toBe(false);
    expect(publish).not.toHaveBeenCalled();
  });
});
