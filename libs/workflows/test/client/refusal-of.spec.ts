import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { refusalOf } from '../../src/client/refusal-of';
import { REFUSAL_CODES } from '../../src/decision/domain/refusals';
import { refusalFailure } from '../../src/decision/refusal-failure';

const failedUpdate = (cause: Error | undefined) => new WorkflowUpdateFailedError('Workflow Update failed', cause);

describe('refusalOf', () => {
  it.each(REFUSAL_CODES)('reads the %s code and its reason from a failed update', (code) => {
    const refusal = { code, message: 'the reason, as the sender reads it' };
    expect(refusalOf(failedUpdate(refusalFailure(refusal)))).toEqual(refusal);
  });

  it('throws a non-retryable failure in the validator: the same request would be refused again', () => {
    expect(refusalFailure({ code: 'past-deadline', message: 'too late' })).toMatchObject({
      type: 'past-deadline',
      message: 'too late',
      nonRetryable: true,
    });
  });

  it('is null for anything that is not a refusal, so the caller decides what it means', () => {
    const unknownType = ApplicationFailure.create({ type: 'SomethingElse', message: 'x', nonRetryable: true });
    expect(refusalOf(failedUpdate(unknownType))).toBeNull();
    expect(refusalOf(failedUpdate(ApplicationFailure.create({ message: 'no type' })))).toBeNull();
    expect(refusalOf(failedUpdate(new Error('[past-deadline] an old-style message')))).toBeNull();
    expect(refusalOf(failedUpdate(undefined))).toBeNull();
    expect(refusalOf(refusalFailure({ code: 'past-deadline', message: 'not wrapped' }))).toBeNull();
    expect(refusalOf(new Error('connection refused'))).toBeNull();
  });
});
