import { newRunId, parseDemoArgs, UsageError } from './parse-args';

describe('parseDemoArgs', () => {
  it('defaults every service to its local port, a new run id, no JSON and normal windows', () => {
    expect(parseDemoArgs([], () => 'rtest01')).toEqual({
      command: 'run',
      runId: 'rtest01',
      json: false,
      fast: false,
      baseUrls: {
        community: 'http://127.0.0.1:3101',
        organization: 'http://127.0.0.1:3102',
        talent: 'http://127.0.0.1:3103',
        funding: 'http://127.0.0.1:3104',
        governance: 'http://127.0.0.1:3105',
        'public-web': 'http://127.0.0.1:3106',
      },
    });
  });

  it('takes a service’s address, --json, --fast and a run id', () => {
    const request = parseDemoArgs(
      ['--base-url', 'governance=http://127.0.0.1:4105/', '--json', '--fast', '--run-id', 'rabc123'],
      () => 'unused',
    );
    expect(request).toMatchObject({
      runId: 'rabc123',
      json: true,
      fast: true,
      baseUrls: { governance: 'http://127.0.0.1:4105', community: 'http://127.0.0.1:3101' },
    });
  });

  it.each([
    [['--base-url', 'nowhere=http://127.0.0.1:1'], /--base-url takes/],
    [['--base-url', 'governance'], /--base-url takes/],
    [['--base-url', 'governance=ftp://x'], /--base-url takes/],
    [['--run-id', 'Has-Capitals'], /--run-id must be/],
    [['--what'], /Unknown option/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseDemoArgs(argv)).toThrow(UsageError);
    expect(() => parseDemoArgs(argv)).toThrow(message);
  });

  it('makes lowercase run ids that sort by time', () => {
    const [early, late] = [newRunId(1_700_000_000_000, () => 0.5), newRunId(1_800_000_000_000, () => 0.5)];
    expect(early).toMatch(/^r[a-z0-9]+$/);
    expect(early < late).toBe(true);
    expect(parseDemoArgs(['--help'])).toEqual({ command: 'help' });
  });
});
