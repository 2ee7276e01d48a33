import { EventValidationError } from '@sanshe/contracts';
import { deadLetterReasonOf } from './dead-letter-reasons';

describe('deadLetterReasonOf (the bounded label of a dead letter’s reason)', () => {
  it('names each way InboxProcessor dead-letters an event', () => {
    const invalid = new EventValidationError('sanshe.organization.proposal.submitted.v1', [
      { path: '/data/title', message: 'must be string' },
    ]).message;
    expect(deadLetterReasonOf(invalid)).toBe('invalid-event');
    expect(deadLetterReasonOf(new EventValidationError('', [{ path: '', message: 'no type' }]).message)).toBe(
      'invalid-event',
    );
    expect(deadLetterReasonOf('not a JSON event: Unexpected token')).toBe('invalid-event');
    expect(deadLetterReasonOf('unknown-type: sanshe.organization.x.v9 is not in this consumer’s event catalogue')).toBe(
      'unknown-type',
    );
    expect(
      deadLetterReasonOf(
        'failing for longer than deadLetterAfterMs (1000 ms), since 2026-11-28T00:00:00.000Z, 7 tries: x',
      ),
    ).toBe('retries-exhausted');
    expect(deadLetterReasonOf('PermanentEventError: no policy for activity-proposal in 310104')).toBe('refused');
  });
});
