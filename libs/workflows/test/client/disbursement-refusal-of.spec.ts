import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { disbursementRefusalOf } from '../../src/client/disbursement-refusal-of';
import { refusalFailure } from '../../src/disbursement/disbursement-context';
import { DISBURSEMENT_REFUSAL_CODES } from '../../src/disbursement/domain/disbursement-rules';

const failedUpdate = (cause: Error | undefined) => new WorkflowUpdateFailedError('Workflow Update failed', cause);
const KEBAB = /^[a-z]+(-[a-z]+)*$/;

describe('disbursementRefusalOf', () => {
  it.each(DISBURSEMENT_REFUSAL_CODES)(
    'reads the %s refusal and its reason from a failed update, kebab-cased',
    (code) => {
      const read = disbursementRefusalOf(failedUpdate(refusalFailure({ code, message: 'why, as the party reads it' })));
      expect(read?.message).toBe('why, as the party reads it');
      expect(read?.code).toMatch(KEBAB);
    },
  );

  it('kebab-cases the evidence handler’s EvidenceReused as the request-refused contract wants', () => {
    const reused = ApplicationFailure.create({
      type: 'EvidenceReused',
      message: 'claimed elsewhere',
      nonRetryable: true,
    });
    expect(disbursementRefusalOf(failedUpdate(reused))).toEqual({
      code: 'evidence-reused',
      message: 'claimed elsewhere',
    });
    const stage = refusalFailure({ code: 'wrong-stage', message: 'the grant is paying' });
    expect(disbursementRefusalOf(failedUpdate(stage))).toEqual({ code: 'wrong-stage', message: 'the grant is paying' });
  });

  it('is null for anything that is not a disbursement refusal, so the caller decides what it means', () => {
    const unknownType = ApplicationFailure.create({ type: 'SomethingElse', message: 'x', nonRetryable: true });
    expect(disbursementRefusalOf(failedUpdate(unknownType))).toBeNull();
    expect(disbursementRefusalOf(failedUpdate(ApplicationFailure.create({ message: 'no type' })))).toBeNull();
    expect(disbursementRefusalOf(failedUpdate(new Error('wrong-stage')))).toBeNull();
    expect(disbursementRefusalOf(failedUpdate(undefined))).toBeNull();
    expect(disbursementRefusalOf(refusalFailure({ code: 'wrong-stage', message: 'not wrapped' }))).toBeNull();
    expect(disbursementRefusalOf(new Error('connection refused'))).toBeNull();
  });
});
