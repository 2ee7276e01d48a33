import { documentedOperations, formatTally, newFailures, tallyEvents } from './fuzz-report';
import { schemathesisArgs } from './run-schemathesis';

const scenario = (cases: Record<string, [method: string, path: string, status: number, failed: string[]]>) =>
  JSON.stringify({
    ScenarioFinished: {
      recorder: {
        label: 'x',
        cases: Object.fromEntries(
          Object.entries(cases).map(([id, [method, path]]) => [id, { value: { method, path } }]),
        ),
        checks: Object.fromEntries(
          Object.entries(cases).map(([id, [, , , failed]]) => [
            id,
            [
              { name: 'not_a_server_error', status: 'success' },
              ...failed.flatMap((name) => [
                { name, status: 'failure' },
                { name, status: 'failure' }, // a check failing twice on one case counts the case once
              ]),
            ],
          ]),
        ),
        interactions: Object.fromEntries(
          Object.entries(cases).map(([id, [, , status_code]]) => [id, { response: { status_code } }]),
        ),
      },
    },
  });

describe("the fuzz run's counts", () => {
  const documented = documentedOperations({
    paths: { '/policies': { get: {}, parameters: [] }, '/policies/{policyId}': { put: {} } },
  });

  it('counts cases, 2xx answers and failing cases per check for each operation; undeclared methods per path', () => {
    const events = [
      JSON.stringify({ ScenarioStarted: {} }),
      scenario({
        a: ['GET', '/policies', 200, []],
        b: ['GET', '/policies', 400, ['positive_data_acceptance']],
        c: ['PUT', '/policies/{policyId}', 500, ['not_a_server_error', 'response_schema_conformance']],
      }),
      JSON.stringify({ ScenarioFinished: { recorder: { label: 'GET /policies' } } }), // skipped: no cases
      scenario({ d: ['TRACE', '/policies', 404, ['unsupported_method']], e: ['GET', '/policies', 201, []] }),
    ].join('\n');
    expect(tallyEvents(events, documented)).toEqual([
      { operation: 'GET /policies', cases: 3, accepted: 2, failures: { positive_data_acceptance: 1 } },
      {
        operation: 'PUT /policies/{policyId}',
        cases: 1,
        accepted: 0,
        failures: { not_a_server_error: 1, response_schema_conformance: 1 },
      },
      { operation: 'undeclared methods /policies', cases: 1, accepted: 0, failures: { unsupported_method: 1 } },
    ]);
  });

  it('lists an operation no case reached, with nothing failed', () => {
    expect(tallyEvents('', documented).map((t) => `${t.operation} ${t.cases}`)).toEqual([
      'GET /policies 0',
      'PUT /policies/{policyId} 0',
    ]);
  });

  it('prints one line per operation and the failing checks with their counts', () => {
    const text = formatTally('governance', tallyEvents(scenario({ b: ['GET', '/policies', 400, ['x']] }), documented));
    expect(text.split('\n')).toEqual([
      'governance: 1 cases, 1 failing checks',
      '  GET /policies                1 cases    0 2xx  FAILED x 1',
      '  PUT /policies/{policyId}     0 cases    0 2xx  ok',
    ]);
  });

  it('shows a known gap as KNOWN and leaves it out of the failures that fail the run', () => {
    const tallies = tallyEvents(scenario({ b: ['GET', '/policies', 400, ['x', 'y']] }), documented);
    const known = (operation: string, check: string) => operation === 'GET /policies' && check === 'y';
    expect(formatTally('governance', tallies, known).split('\n')[1]).toBe(
      '  GET /policies                1 cases    0 2xx  FAILED x 1; KNOWN y 1',
    );
    expect(newFailures(tallies, known)).toEqual(['x']);
    expect(newFailures(tallies)).toEqual(['x', 'y']);
  });

  it('runs st with every check, bounded, seeded, one worker, the token on every request', () => {
    const args = schemathesisArgs(
      { st: 'st', documentUrl: 'http://h/docs/openapi.json', token: 't', maxExamples: 7, seed: 3, timeLimitMs: 1 },
      '/tmp/r',
    ).join(' ');
    expect(args).toMatch(/^--config-file \S+schemathesis\.toml run http:\/\/h\/docs\/openapi\.json/);
    expect(args).toContain('--checks all --max-examples 7 --seed 3 --generation-database none --workers 1');
    expect(args).toContain('--header Authorization: Bearer t --report ndjson --report-dir /tmp/r');
  });
});
