import type { DataSource, EntityManager } from 'typeorm';
import { portalDecisionArbitrated } from '@sanshe/contracts';
import type { OutboxWriter } from '@sanshe/messaging';
import { AnswerInvalidCommandHandler } from './answer-invalid-command';
import { replyId } from './portal-replies';

const TOPIC = 'sanshe.portal.street-xinhua.commands';
const valid = {
  specversion: '1.0',
  id: 'cmd-9',
  source: 'portal/street-xinhua',
  type: portalDecisionArbitrated.type,
  subject: portalDecisionArbitrated.example.decisionId,
  time: '2026-03-02T09:30:00.000Z',
  datacontenttype: 'application/json',
  data: portalDecisionArbitrated.example,
};
const record = (value: unknown) => Buffer.from(JSON.stringify(value));

function handler(
  transaction = jest.fn(async (work: (m: EntityManager) => Promise<void>) => work({} as EntityManager)),
) {
  const publish = jest.fn();
  const answer = new AnswerInvalidCommandHandler(
    { transaction } as unknown as DataSource,
    { publish } as unknown as OutboxWriter,
  );
  return { answer, publish };
}

describe('AnswerInvalidCommandHandler', () => {
  it("answers a portal's command that breaks its contract schema-invalid, naming the field", async () => {
    const { answer, publish } = handler();
    const withoutReason: Record<string, unknown> = { ...portalDecisionArbitrated.example };
    delete withoutReason.reason;
    await expect(answer.execute(record({ ...valid, data: withoutReason }), TOPIC)).resolves.toBe(true);
    expect(publish).toHaveBeenCalledWith(expect.anything(), {
      type: 'sanshe.governance.portal.command-rejected.v1',
      id: replyId(valid),
      subject: 'cmd-9',
      correlationid: 'cmd-9',
      data: {
        commandId: 'cmd-9',
        commandType: portalDecisionArbitrated.type,
        portalId: 'street-xinhua',
        code: 'schema-invalid',
        reason: expect.stringContaining('/data/reason is required') as unknown,
      },
    });
  });

  it('answers nothing for a valid command (dead-lettered by its handler), nor for what names no command', async () => {
    const { answer, publish } = handler();
    await expect(answer.execute(record(valid), TOPIC)).resolves.toBe(false);
    await expect(answer.execute(Buffer.from('not json'), TOPIC)).resolves.toBe(false);
    await expect(answer.execute(record({ ...valid, id: '', data: {} }), TOPIC)).resolves.toBe(false);
    await expect(answer.execute(record({ ...valid, type: 'nonsense', data: {} }), TOPIC)).resolves.toBe(false);
    await expect(answer.execute(null, TOPIC)).resolves.toBe(false);
    expect(publish).not.toHaveBeenCalled();
  });

  it("leaves funding's commands to funding, and what was read from a service's topic alone", async () => {
    const { answer, publish } = handler();
    const payment = { ...valid, type: 'sanshe.portal.payment.confirmed.v1', data: {} };
    await expect(answer.execute(record(payment), TOPIC)).resolves.toBe(false);
    await expect(answer.execute(record({ ...valid, data: {} }), 'sanshe.community.events')).resolves.toBe(false);
    expect(publish).not.toHaveBeenCalled();
  });

  it('logs rather than throws when the answer cannot be written: the dead letter keeps the command', async () => {
    const { answer } = handler(jest.fn().mockRejectedValue(new Error('connection terminated')));
    await expect(answer.execute(record({ ...valid, data: {} }), TOPIC)).resolves.toBe(false);
  });
});
