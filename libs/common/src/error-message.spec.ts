import { asError, errorMessage, errorStack, errorSummary } from './error-message';

describe('error text', () => {
  const err = new TypeError('bad input');

  it('takes an Error apart, and shows anything else as text', () => {
    expect(errorMessage(err)).toBe('bad input');
    expect(errorSummary(err)).toBe('TypeError: bad input');
    expect(errorStack(err)).toContain('TypeError: bad input\n    at ');
    expect(errorMessage('plain')).toBe('plain');
    expect(errorSummary(42)).toBe('42');
    expect(errorStack(undefined)).toBe('undefined');
  });

  it('wraps a non-Error in an Error and keeps an Error as it is', () => {
    expect(asError(err)).toBe(err);
    expect(asError('boom')).toEqual(new Error('boom'));
  });
});
