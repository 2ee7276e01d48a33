import { passOptions } from './run-schemathesis';

describe('the fuzz passes’ options', () => {
  const healthCheck = (args: string[]) => args[args.indexOf('--suppress-health-check') + 1];

  it('let both passes filter as long as they need — the every-check pass gave up talent’s assessor routes', () => {
    const { everyCheck, invalidWrites } = passOptions(undefined, ['POST /votes']);
    expect(healthCheck(everyCheck)).toBe('filter_too_much');
    expect(healthCheck(invalidWrites)).toBe('filter_too_much');
  });

  it('send only invalid writes with a body in the second pass, in the phases asked for', () => {
    const { everyCheck, invalidWrites } = passOptions('fuzzing', ['POST /votes', 'PUT /venues/{venueId}']);
    expect(everyCheck).toEqual(['--phases', 'fuzzing', '--suppress-health-check', 'filter_too_much']);
    expect(everyCheck).not.toContain('--mode');
    expect(invalidWrites).toEqual([
      ...everyCheck,
      '--mode',
      'negative',
      '--include-name',
      'POST /votes',
      '--include-name',
      'PUT /venues/{venueId}',
    ]);
  });
});
