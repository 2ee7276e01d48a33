import { WorkflowNotFoundError } from '@temporalio/client';
import type { EntityManager } from 'typeorm';
import { createEvent } from '@sanshe/contracts';
import { type Delivery, type EventHandler, PermanentEventError } from '@sanshe/messaging';
import { paymentSettledSignal } from '@sanshe/workflows';
import type { TemporalClientHolder } from '../../../decisions/decisions.module';
import { SignalPaymentSettledHandler } from '../../application/signal-payment-settled';
import { tranchePaidEventHandlers } from './tranche-paid-events';

const delivery: Delivery = { topic: 'sanshe.funding.events', partition: 0, offset: '1', timestamp: '0' };
const paid = createEvent({
  type: 'sanshe.funding.tranche.paid.v1',
  source: 'sanshe/funding',
  subject: 'grant-7',
  data: {
    grantId: 'grant-7',
    organizationId: 'org-1',
    trancheNo: 2,
    amount: { amountFen: 200, currency: 'CNY' },
    paidAt: '2026-11-20T10:00:00.000Z',
    paymentId: 'pay-9',
  },
});
type Paid = 'sanshe.funding.tranche.paid.v1';

describe('tranche.paid wakes the disbursement', () => {
  const handle = (wrongChannel: string | null) => {
    const settled = { execute: jest.fn().mockResolvedValue('signalled') };
    const channels = { refusal: jest.fn().mockResolvedValue(wrongChannel) };
    const handler = tranchePaidEventHandlers(settled, channels)['sanshe.funding.tranche.paid.v1'] as EventHandler<Paid>;
    return { run: () => handler(paid, {} as EntityManager, delivery), settled, channels };
  };

  it("signals the grant's tranche and payment, from funding's channel only", async () => {
    const { run, settled, channels } = handle(null);
    await run();
    expect(channels.refusal).toHaveBeenCalledWith(paid, delivery, { owner: 'funding' });
    expect(settled.execute).toHaveBeenCalledWith({ grantId: 'grant-7', trancheNo: 2, paymentId: 'pay-9' });
  });

  it('refuses a tranche.paid from another channel to the dead letters, signalling nothing', async () => {
    const { run, settled } = handle('published on sanshe.community.events, not funding’s');
    await expect(run()).rejects.toThrow(PermanentEventError);
    await expect(run()).rejects.toThrow(/wrong-channel: tranche.paid of grant-7/);
    expect(settled.execute).not.toHaveBeenCalled();
  });
});

describe('SignalPaymentSettledHandler', () => {
  const holderWith = (signal: jest.Mock) =>
    ({
      bounded: (call: (client: unknown) => Promise<unknown>) =>
        call({ workflow: { getHandle: (id: string) => ({ signal: (...args: unknown[]) => signal(id, ...args) }) } }),
    }) as unknown as TemporalClientHolder;

  it('signals disbursement/<grantId> with paymentSettled', async () => {
    const signal = jest.fn().mockResolvedValue(undefined);
    const answer = await new SignalPaymentSettledHandler(holderWith(signal)).execute({
      grantId: 'grant-7',
      trancheNo: 2,
      paymentId: 'pay-9',
    });
    expect(answer).toBe('signalled');
    expect(signal).toHaveBeenCalledWith('disbursement/grant-7', paymentSettledSignal, {
      trancheNo: 2,
      paymentId: 'pay-9',
    });
  });

  it('has nothing to wake when the grant has no running disbursement; other failures are retried', async () => {
    const missing = jest.fn().mockRejectedValue(new WorkflowNotFoundError('gone', 'disbursement/grant-7', undefined));
    const settled = { grantId: 'grant-7', trancheNo: 2, paymentId: 'pay-9' };
    expect(await new SignalPaymentSettledHandler(holderWith(missing)).execute(settled)).toBe('no-disbursement');
    const down = jest.fn().mockRejectedValue(new Error('deadline exceeded'));
    await expect(new SignalPaymentSettledHandler(holderWith(down)).execute(settled)).rejects.toThrow('deadline');
  });
});
