import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { InternalWorkflowUpdateOptionsSymbol } from '@temporalio/client/lib/internal';
import { ApplicationFailure } from '@temporalio/common';
import type { EntityManager } from 'typeorm';
import { createEvent } from '@sanshe/contracts';
import type { OutboxWriter } from '@sanshe/messaging';
import type { TemporalClientHolder } from '../../decisions/decisions.module';
import { ApplyDisbursementRequestHandler } from './apply-disbursement-request';
import { disbursementRefusalId, RefuseDisbursementRequestHandler } from './refuse-disbursement-request';

const event = { source: 'sanshe/community', id: 'evt-1' };
const objection = { trancheNo: 2, partyId: 'residents:c', castBy: 'residents:c', reason: '[x] 签到表与照片不符合' };
const cancellation = { requestedBy: 'funder:f', cause: 'funder' as const, reason: '[budget-withdrawn] 资金收回' };
const refusal = (type: string, message: string) =>
  new WorkflowUpdateFailedError(
    'Workflow Update failed',
    ApplicationFailure.create({ type, message, nonRetryable: true }),
  );
const notFound = () => new WorkflowNotFoundError('not found', 'disbursement/grant-7', undefined);

/** A Temporal client whose handle does what the test says; bounded() just runs the call. */
function temporal(handle: Record<string, jest.Mock>) {
  const client = { workflow: { getHandle: jest.fn().mockReturnValue(handle) } };
  const holder = { bounded: (call: (c: typeof client) => Promise<unknown>) => call(client) };
  return { apply: new ApplyDisbursementRequestHandler(holder as unknown as TemporalClientHolder), client };
}

describe('ApplyDisbursementRequestHandler', () => {
  it('applies an objection as objectDuringNotice on disbursement/<grantId>, update id the event identity', async () => {
    const executeUpdate = jest.fn().mockResolvedValue({ reopened: true });
    const { apply, client } = temporal({ executeUpdate });
    const result = await apply.execute({ grantId: 'grant-7', request: { kind: 'objection', objection }, event });
    expect(result).toBe('accepted');
    expect(client.workflow.getHandle).toHaveBeenCalledWith('disbursement/grant-7');
    expect(executeUpdate).toHaveBeenCalledWith(expect.objectContaining({ name: 'objectDuringNotice' }), {
      updateId: 'sanshe/community evt-1',
      args: [objection],
    });
  });

  it('starts a cancellation and answers once accepted, without waiting for its decision', async () => {
    const result = jest.fn(() => new Promise(() => undefined)); // the decision takes days
    const startUpdate = jest.fn().mockResolvedValue({ result });
    const { apply } = temporal({ startUpdate });
    const command = { grantId: 'grant-7', request: { kind: 'cancellation' as const, request: cancellation }, event };
    expect(await apply.execute(command)).toBe('accepted');
    expect(startUpdate).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'requestCancellation' }),
      expect.objectContaining({ updateId: 'sanshe/community evt-1', args: [cancellation], waitForStage: 'ACCEPTED' }),
    );
    expect(result).not.toHaveBeenCalled();
  });

  it('reads a validator’s rejection of a started Update from the outcome the server answered with', async () => {
    const startUpdate = jest.fn(async (_def, options: Record<symbol, { outcome?: unknown }>) => {
      options[InternalWorkflowUpdateOptionsSymbol].outcome = { failure: {} }; // as the client records it
      return { result: () => Promise.reject(refusal('cancellation-pending', 'decision x is deciding it')) };
    });
    const { apply } = temporal({ startUpdate });
    const command = { grantId: 'grant-7', request: { kind: 'cancellation' as const, request: cancellation }, event };
    expect(await apply.execute(command)).toEqual({
      code: 'cancellation-pending',
      message: 'decision x is deciding it',
    });
  });

  it('answers the workflow’s refusal kebab-cased', async () => {
    const executeUpdate = jest.fn().mockRejectedValue(refusal('already-objected', 'residents:c objected already'));
    const { apply } = temporal({ executeUpdate });
    const result = await apply.execute({ grantId: 'grant-7', request: { kind: 'objection', objection }, event });
    expect(result).toEqual({ code: 'already-objected', message: 'residents:c objected already' });
  });

  it('answers unknown-grant when no disbursement exists, disbursement-closed when it ended', async () => {
    const executeUpdate = jest.fn().mockRejectedValue(notFound());
    const none = temporal({ executeUpdate, describe: jest.fn().mockRejectedValue(notFound()) });
    const request = { kind: 'objection' as const, objection };
    expect(await none.apply.execute({ grantId: 'grant-7', request, event })).toMatchObject({ code: 'unknown-grant' });
    const ended = temporal({ executeUpdate, describe: jest.fn().mockResolvedValue({ status: { name: 'COMPLETED' } }) });
    expect(await ended.apply.execute({ grantId: 'grant-7', request, event })).toEqual({
      code: 'disbursement-closed',
      message: 'the disbursement of grant-7 ended (COMPLETED)',
    });
  });

  it('tries once more when the Update met no run but the workflow runs (continue-as-new between them)', async () => {
    const executeUpdate = jest.fn().mockRejectedValueOnce(notFound()).mockResolvedValueOnce({ reopened: true });
    const describe = jest.fn().mockResolvedValue({ status: { name: 'RUNNING' } });
    const { apply } = temporal({ executeUpdate, describe });
    const result = await apply.execute({ grantId: 'grant-7', request: { kind: 'objection', objection }, event });
    expect(result).toBe('accepted');
    expect(executeUpdate).toHaveBeenCalledTimes(2);
  });

  it('throws what is not an answer (a deadline, Temporal away): the inbox retries', async () => {
    const executeUpdate = jest.fn().mockRejectedValue(new Error('deadline exceeded'));
    const { apply } = temporal({ executeUpdate });
    const request = { kind: 'objection' as const, objection };
    await expect(apply.execute({ grantId: 'grant-7', request, event })).rejects.toThrow('deadline exceeded');
  });
});

describe('RefuseDisbursementRequestHandler', () => {
  it('publishes request-refused naming the request, under an id from its identity, in the caller’s transaction', async () => {
    const publish = jest.fn().mockResolvedValue(undefined);
    const refuse = new RefuseDisbursementRequestHandler({ publish } as unknown as OutboxWriter);
    const manager = {} as EntityManager;
    const request = createEvent({
      type: 'sanshe.community.disbursement.objection-raised.v1',
      source: 'sanshe/community',
      subject: 'grant-7',
      data: {
        grantId: 'grant-7',
        trancheNo: 2,
        partyId: 'residents:c',
        castBy: 'residents:c',
        reason: { code: 'x', text: '0123456789' },
      },
    });
    const command = {
      event: request,
      grantId: 'grant-7',
      partyId: 'residents:c',
      code: 'wrong-stage',
      reason: 'paying',
    };
    await refuse.execute(manager, command);
    await refuse.execute(manager, command);
    const [first, second] = publish.mock.calls.map(([, published]) => published);
    expect(publish.mock.calls[0]?.[0]).toBe(manager);
    expect(first).toEqual({
      type: 'sanshe.governance.disbursement.request-refused.v1',
      id: disbursementRefusalId(request),
      subject: 'grant-7',
      correlationid: request.id,
      data: {
        grantId: 'grant-7',
        requestEventId: request.id,
        requestType: 'sanshe.community.disbursement.objection-raised.v1',
        partyId: 'residents:c',
        code: 'wrong-stage',
        reason: 'paying',
      },
    });
    expect(second.id).toBe(first.id);
    expect(disbursementRefusalId({ source: 'portal/x', id: request.id })).not.toBe(first.id);
  });
});
