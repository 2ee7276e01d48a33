import { logLevel } from 'kafkajs';
import { kafkaLogCreator, nestMethodOf } from './kafka-log';

describe("kafkajs' logger into Nest's", () => {
  it('maps each kafkajs level to its Nest method', () => {
    expect(
      [logLevel.ERROR, logLevel.WARN, logLevel.INFO, logLevel.DEBUG, logLevel.NOTHING].map((level) =>
        nestMethodOf(level),
      ),
    ).toEqual(['error', 'warn', 'log', 'debug', 'error']);
  });

  it('logs the message with the namespace and fields, without kafkajs’ own time and logger name, its protocol correlationId renamed', () => {
    const calls: [string, unknown][] = [];
    const record = (method: string) => (entry: unknown) => void calls.push([method, entry]);
    const log = kafkaLogCreator({
      error: record('error'),
      warn: record('warn'),
      log: record('log'),
      debug: record('debug'),
    })(logLevel.INFO);
    const timestamp = '2026-11-28T00:00:00.000Z';
    log({
      namespace: 'ConsumerGroup',
      level: logLevel.INFO,
      label: 'INFO',
      log: { timestamp, logger: 'kafkajs', message: 'Consumer has joined the group', groupId: 'sanshe-community' },
    });
    log({
      namespace: 'Connection',
      level: logLevel.ERROR,
      label: 'ERROR',
      log: { timestamp, message: 'refused', correlationId: 33 },
    });
    expect(calls).toEqual([
      ['log', { groupId: 'sanshe-community', namespace: 'ConsumerGroup', msg: 'Consumer has joined the group' }],
      ['error', { kafkaCorrelationId: 33, namespace: 'Connection', msg: 'refused' }], // not the event's correlationId
    ]);
  });
});
