import { PinoLogger } from 'nestjs-pino';
import { eventLogFields, withLogFields } from './log-context';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const event = {
  id: 'e-1',
  type: 'sanshe.organization.proposal.submitted.v1',
  correlationid: 'proposal-p1',
  traceparent: `00-${TRACE}-00f067aa0ba902b7-01`,
} as const;

describe('log fields of an event', () => {
  it('names the event and its correlation and trace ids; an event without them has only its id and type', () => {
    expect(eventLogFields(event)).toEqual({
      eventId: 'e-1',
      eventType: event.type,
      correlationId: 'proposal-p1',
      traceId: TRACE,
    });
    expect(eventLogFields({ id: 'e-2', type: event.type })).toEqual({ eventId: 'e-2', eventType: event.type });
  });

  it('only runs the work while no platform logger exists', async () => {
    expect(PinoLogger.root).toBeUndefined();
    await expect(withLogFields({ eventId: 'e-1' }, () => Promise.resolve(7))).resolves.toBe(7);
  });

  it('puts them on every line logged inside the work, across awaits, and on none after', async () => {
    const lines: string[] = [];
    const logger = new PinoLogger({
      pinoHttp: [{ base: null, timestamp: false }, { write: (line: string) => void lines.push(line) }],
    });
    await withLogFields(eventLogFields(event), async () => {
      await new Promise((resolve) => setImmediate(resolve));
      logger.info('handled');
    });
    logger.info('after');
    expect(lines.map((line) => JSON.parse(line) as Record<string, unknown>)).toEqual([
      {
        level: 30,
        eventId: 'e-1',
        eventType: event.type,
        correlationId: 'proposal-p1',
        traceId: TRACE,
        msg: 'handled',
      },
      { level: 30, msg: 'after' },
    ]);
  });
});
