import { prettyLine } from './pretty-lines';

const base = { time: '2026-11-28T06:42:47.341Z', service: 'governance', pid: 7 };

describe('pretty lines', () => {
  it("shows a request's method, URL, status and time, its ids first", () => {
    const line = prettyLine(
      JSON.stringify({
        ...base,
        level: 'info',
        req: { method: 'GET', url: '/policies', headers: { authorization: '[redacted]' } },
        res: { statusCode: 200 },
        responseTime: 81,
        traceId: 't-1',
        requestId: 'r-1',
        msg: 'request completed',
      }),
    );
    expect(line).toBe('06:42:47.341 INFO  request completed GET /policies → 200 (81 ms)  requestId=r-1 traceId=t-1');
  });

  it("puts an error's stack under its line, and passes a line that is not JSON through", () => {
    const err = { type: 'Error', message: 'boom', stack: 'Error: boom\n    at here' };
    expect(prettyLine(JSON.stringify({ ...base, level: 'error', context: 'Boot', err, msg: 'failed' }))).toBe(
      '06:42:47.341 ERROR [Boot] failed\n    Error: boom\n        at here',
    );
    expect(prettyLine('plain text\n')).toBe('plain text');
  });
});
