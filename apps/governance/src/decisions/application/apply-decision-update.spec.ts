import {
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { EntityManager } from 'typeorm';
import type { EventType, SansheEvent } from '@sanshe/contracts';
import type { ParkedUpdateRepository } from '../domain/parked-update.repository';
import type { PendingDecisionRepository } from '../domain/pending-decision.repository';
import type { TemporalClientHolder } from '../infrastructure/temporal-client-holder';
import { ApplyDecisionUpdateHandler, type ApplyDecisionUpdateCommand } from './apply-decision-update';
import type { RejectDecisionEventHandler } from './reject-decision-event';

const manager = {} as EntityManager;
const decisionId = 'decision/activity-proposal/p-1';
const event = {
  id: 'evt-1',
  source: 'sanshe/community',
  type: 'sanshe.community.decision.vote-cast.v1',
} as SansheEvent<EventType>;
const vote: ApplyDecisionUpdateCommand = {
  decisionId,
  update: { kind: 'vote', request: { partyId: 'community:c', castBy: 'community:c', choice: 'approve' } },
  event,
};
const notFound = () => new WorkflowNotFoundError('workflow not found', decisionId, undefined);

/** The handler on a Temporal whose workflow handle does what `executeUpdate` and `describe` say. */
function handler(executeUpdate: jest.Mock, describe: jest.Mock = jest.fn()) {
  const handle = { executeUpdate, describe };
  const bounded = jest.fn((call: (client: unknown) => Promise<unknown>) =>
    call({ workflow: { getHandle: () => handle } }),
  );
  const reject = { execute: jest.fn(), accepted: jest.fn() };
  const pending = { voted: jest.fn() };
  const parked = { lockDecision: jest.fn(), park: jest.fn() };
  const apply = new ApplyDecisionUpdateHandler(
    { bounded } as unknown as TemporalClientHolder,
    reject as unknown as RejectDecisionEventHandler,
    pending as unknown as PendingDecisionRepository,
    parked as unknown as ParkedUpdateRepository,
  );
  return { apply, bounded, reject, pending, parked };
}

describe('ApplyDecisionUpdateHandler', () => {
  it('sends a vote with the event identity as update id and the broker time as castAt, within a deadline', async () => {
    const executeUpdate = jest.fn().mockResolvedValue({ round: 2 });
    const { apply, bounded, pending, reject } = handler(executeUpdate);
    await expect(apply.execute(manager, { ...vote, brokerTime: 1_700_000_000_000 })).resolves.toBe('accepted');
    expect(bounded).toHaveBeenCalledTimes(1);
    expect(executeUpdate).toHaveBeenCalledWith(expect.anything(), {
      updateId: 'sanshe/community evt-1',
      args: [{ ...vote.update.request, castAt: 1_700_000_000_000 }],
    });
    expect(pending.voted).toHaveBeenCalledWith(manager, decisionId, 'community:c', 2);
    // A portal's command applied is answered accepted (a no-op for a service's event: portal-replies.spec).
    expect(reject.accepted).toHaveBeenCalledWith(manager, vote.event, { decisionId });
  });

  it('passes a ruling its castAt, and an amendment none', async () => {
    const executeUpdate = jest.fn().mockResolvedValue({ round: 1 });
    const { apply } = handler(executeUpdate);
    const ruling = { arbiterId: 'portal:p', castBy: 'portal:p', result: 'approved' as const, reason: 'r' };
    await apply.execute(manager, { ...vote, update: { kind: 'arbitrate', request: ruling }, brokerTime: 5 });
    const amendment = { castBy: 'organization:o', revision: { summary: 's' } };
    await apply.execute(manager, { ...vote, update: { kind: 'amend', request: amendment } as never, brokerTime: 5 });
    expect(executeUpdate.mock.calls.map(([, options]) => (options as { args: unknown[] }).args[0])).toEqual([
      { ...ruling, castAt: 5 },
      amendment,
    ]);
  });

  it('throws a call past its deadline as it is (the inbox retries it), refusing and parking nothing', async () => {
    const timeout = new WorkflowUpdateRPCTimeoutOrCancelledError('deadline exceeded');
    const { apply, reject, parked } = handler(jest.fn().mockRejectedValue(timeout));
    await expect(apply.execute(manager, vote)).rejects.toBe(timeout);
    expect(reject.execute).not.toHaveBeenCalled();
    expect(parked.park).not.toHaveBeenCalled();
  });

  it('parks an update for a decision not opened yet, under the decision lock, with its broker time', async () => {
    const { apply, reject, parked } = handler(
      jest.fn().mockRejectedValue(notFound()),
      jest.fn().mockRejectedValue(notFound()),
    );
    await expect(apply.execute(manager, { ...vote, brokerTime: 42 })).resolves.toBe('parked');
    expect(parked.lockDecision).toHaveBeenCalledWith(manager, decisionId);
    expect(parked.park).toHaveBeenCalledWith(manager, {
      decisionId,
      kind: 'vote',
      request: vote.update.request,
      event,
      brokerTime: 42,
    });
    expect(parked.lockDecision.mock.invocationCallOrder[0]).toBeLessThan(parked.park.mock.invocationCallOrder[0]!);
    expect(reject.execute).not.toHaveBeenCalled();
  });

  it('applies the update when the decision was opened while it looked (found running under the lock)', async () => {
    const executeUpdate = jest.fn().mockRejectedValueOnce(notFound()).mockResolvedValueOnce({ round: 1 });
    const { apply, parked } = handler(executeUpdate, jest.fn().mockResolvedValue({ status: { name: 'RUNNING' } }));
    await expect(apply.execute(manager, vote)).resolves.toBe('accepted');
    expect(executeUpdate).toHaveBeenCalledTimes(2);
    expect(parked.park).not.toHaveBeenCalled();
  });

  it('refuses an update for a closed decision as decision-closed', async () => {
    const describe = jest.fn().mockResolvedValue({ status: { name: 'COMPLETED' } });
    const { apply, reject, parked } = handler(jest.fn().mockRejectedValue(notFound()), describe);
    await expect(apply.execute(manager, vote)).resolves.toBe('rejected');
    expect(reject.execute).toHaveBeenCalledWith(
      manager,
      expect.objectContaining({ code: 'decision-closed', reason: expect.stringContaining('completed') as unknown }),
    );
    expect(parked.park).not.toHaveBeenCalled();
    expect(reject.accepted).not.toHaveBeenCalled();
  });

  it('neither parks nor refuses when describing the decision fails: that is no answer, retried', async () => {
    const unreachable = new Error('14 UNAVAILABLE: connection refused');
    const { apply, reject, parked } = handler(
      jest.fn().mockRejectedValue(notFound()),
      jest.fn().mockRejectedValue(unreachable),
    );
    await expect(apply.execute(manager, vote)).rejects.toBe(unreachable);
    expect(reject.execute).not.toHaveBeenCalled();
    expect(parked.park).not.toHaveBeenCalled();
  });

  it("refuses what the workflow's validator refused, with its code", async () => {
    const failure = ApplicationFailure.create({ type: 'past-deadline', message: 'too late', nonRetryable: true });
    const refused = new WorkflowUpdateFailedError('Workflow Update failed', failure);
    const { apply, reject } = handler(jest.fn().mockRejectedValue(refused));
    await expect(apply.execute(manager, vote)).resolves.toBe('rejected');
    expect(reject.execute).toHaveBeenCalledWith(
      manager,
      expect.objectContaining({ code: 'past-deadline', reason: 'too late' }),
    );
  });
});
