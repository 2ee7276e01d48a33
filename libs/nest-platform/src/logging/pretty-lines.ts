import type { DestinationStream } from 'pino';

/** Fields a pretty line shows in its own places, or not at all (the service is the line's prefix under `npm start`). */
const SHOWN = new Set(['time', 'level', 'msg', 'context', 'service', 'pid', 'err', 'req', 'res']);
const IDS = ['requestId', 'correlationId', 'traceId', 'eventId'];

/** The ids first, in IDS' order; the other fields as they came. */
const rank = (key: string) => (IDS.includes(key) ? IDS.indexOf(key) : IDS.length);
const hhmmss = (time: unknown) => (typeof time === 'string' ? time.slice(11, 23) : '');

/**
 * One JSON log line as a developer reads it: `12:00:01.234 INFO  [Context] message  key=value …`, the error's
 * stack below it. Redaction has already happened: this only rearranges what pino wrote.
 */
export function prettyLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json.trimEnd();
  }
  const level = String(entry.level ?? '')
    .toUpperCase()
    .padEnd(5);
  const context = entry.context ? `[${String(entry.context)}] ` : '';
  const req = entry.req as { method?: string; url?: string } | undefined;
  const res = entry.res as { statusCode?: number } | undefined;
  const http = req && res ? ` ${req.method} ${req.url} → ${res.statusCode} (${String(entry.responseTime)} ms)` : '';
  const rest = Object.entries(entry)
    .filter(([key]) => !SHOWN.has(key) && key !== 'responseTime')
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  const err = entry.err as { stack?: string; message?: string } | undefined;
  const stack = err ? `\n    ${(err.stack ?? err.message ?? '').replace(/\n/g, '\n    ')}` : '';
  return `${hhmmss(entry.time)} ${level} ${context}${String(entry.msg ?? '')}${http}${rest.length ? `  ${rest.join(' ')}` : ''}${stack}`;
}

/** A pino destination writing pretty lines to `out` (process.stdout in a terminal). */
export function prettyDestination(out: { write(text: string): unknown }): DestinationStream {
  return { write: (line: string) => void out.write(`${prettyLine(line)}\n`) };
}
