import type { KafkaMessage, Producer } from 'kafkajs';
import { DEAD_LETTER_HEADERS } from '@sanshe/contracts';
import { DEAD_LETTER_REPLAY_HEADERS, foldDeadLetters } from './dead-letter-log';
import { AmbiguousOffsetError, replayDeadLetters, selectDeadLetters } from './dead-letter-replay';
import { listLine, parseDlqArgs, runDlqCommand } from './dlq-command';

const deadLetter = (offset: number, id: string, value?: string): KafkaMessage =>
  ({
    offset: String(offset),
    timestamp: '1795900000000',
    key: Buffer.from(`key-${id}`),
    value: Buffer.from(value ?? JSON.stringify({ type: 'sanshe.x.v1', source: 'sanshe/test', id })),
    headers: {
      [DEAD_LETTER_HEADERS.error]: Buffer.from('PermanentEventError: no\nstack'),
      [DEAD_LETTER_HEADERS.originalTopic]: Buffer.from('events'),
      [DEAD_LETTER_HEADERS.originalPartition]: Buffer.from('2'),
      [DEAD_LETTER_HEADERS.originalOffset]: Buffer.from(String(40 + offset)),
      [DEAD_LETTER_HEADERS.attempts]: Buffer.from('1'),
      [DEAD_LETTER_HEADERS.consumer]: Buffer.from('c'),
    },
  }) as unknown as KafkaMessage;

const marker = (offset: number, of: string): KafkaMessage =>
  ({
    offset: String(offset),
    timestamp: '1795900000000',
    key: null,
    value: null,
    headers: {
      [DEAD_LETTER_REPLAY_HEADERS.replayOf]: Buffer.from(of),
      [DEAD_LETTER_REPLAY_HEADERS.replayedAt]: Buffer.from('2026-11-27T12:00:00.000Z'),
    },
  }) as unknown as KafkaMessage;

const letters = () =>
  foldDeadLetters([
    { partition: 1, message: deadLetter(0, 'b') },
    { partition: 0, message: deadLetter(0, 'a') },
    { partition: 0, message: deadLetter(1, 'garbage', 'not json') },
    { partition: 1, message: marker(1, '0:0') },
  ]);

describe('dead letters (no Kafka)', () => {
  it('reads the headers and the event identity, and marks what a marker says was replayed', () => {
    const [a, garbage, b] = letters();
    expect(a).toMatchObject({
      position: '0:0',
      originalTopic: 'events',
      originalPartition: '2',
      originalOffset: '40',
      attempts: '1',
      event: { type: 'sanshe.x.v1', source: 'sanshe/test', id: 'a' },
      replayedAt: '2026-11-27T12:00:00.000Z',
    });
    expect(garbage).toMatchObject({ position: '0:1', event: undefined, replayedAt: undefined });
    expect(b).toMatchObject({ position: '1:0', replayedAt: undefined });
    expect(listLine(b!)).toBe(
      '1:0 sanshe.x.v1 sanshe/test b  from events/2@40  attempts=1  2026-11-28T21:06:40.000Z  reason: PermanentEventError: no',
    );
  });

  it('selects by event id, by offset (refusing one found on several partitions) and all', () => {
    expect(selectDeadLetters(letters(), { kind: 'id', id: 'b' }).map((l) => l.position)).toEqual(['1:0']);
    expect(selectDeadLetters(letters(), { kind: 'offset', offset: '1' }).map((l) => l.position)).toEqual(['0:1']);
    expect(selectDeadLetters(letters(), { kind: 'offset', partition: 1, offset: '0' })).toHaveLength(1);
    expect(() => selectDeadLetters(letters(), { kind: 'offset', offset: '0' })).toThrow(AmbiguousOffsetError);
    expect(selectDeadLetters(letters(), { kind: 'all' })).toHaveLength(3);
    expect(selectDeadLetters(letters(), { kind: 'id', id: 'zzz' })).toEqual([]);
  });

  it('with a topic prefix, replays to the original topic as read (on the wire) and marks on the prefixed dead letters', async () => {
    const sent: string[] = [];
    const producer = { send: async (record: { topic: string }) => void sent.push(record.topic) };
    const wireLetters = letters().map((letter) => ({ ...letter, originalTopic: 'test.sanshe.community.events' }));
    const options = { dryRun: false, report: () => undefined, topicPrefix: 'test.' };
    await replayDeadLetters(producer as unknown as Producer, 'c', wireLetters, options);
    expect(sent).toEqual([
      'test.sanshe.community.events',
      'test.sanshe.dlq.c',
      'test.sanshe.community.events',
      'test.sanshe.dlq.c',
    ]);
  });

  it('replays what was not replayed yet to its original topic, unchanged, then marks it; a dry run sends nothing', async () => {
    const sent: { topic: string; messages: unknown[] }[] = [];
    const producer = { send: async (record: { topic: string; messages: unknown[] }) => void sent.push(record) };
    const lines: string[] = [];
    const options = { report: (line: string) => lines.push(line), now: () => new Date('2026-11-27T12:30:00Z') };
    await replayDeadLetters(producer as unknown as Producer, 'c', letters(), { ...options, dryRun: true });
    expect(sent).toEqual([]);
    await replayDeadLetters(producer as unknown as Producer, 'c', letters(), { ...options, dryRun: false });
    expect(lines).toEqual([
      'skipped 0:0 sanshe.x.v1 sanshe/test a: already replayed at 2026-11-27T12:00:00.000Z',
      'would replay 0:1 (unparsable) - - to events (was 2@41)',
      'would replay 1:0 sanshe.x.v1 sanshe/test b to events (was 2@40)',
      'skipped 0:0 sanshe.x.v1 sanshe/test a: already replayed at 2026-11-27T12:00:00.000Z',
      'replayed 0:1 (unparsable) - - to events (was 2@41)',
      'replayed 1:0 sanshe.x.v1 sanshe/test b to events (was 2@40)',
    ]);
    expect(sent.map((s) => s.topic)).toEqual(['events', 'sanshe.dlq.c', 'events', 'sanshe.dlq.c']);
    expect(sent[2]?.messages).toEqual([{ key: Buffer.from('key-b'), value: letters()[2]?.value }]);
    expect(sent[3]?.messages).toEqual([
      {
        key: Buffer.from('key-b'),
        value: null,
        headers: {
          [DEAD_LETTER_REPLAY_HEADERS.replayOf]: '1:0',
          [DEAD_LETTER_REPLAY_HEADERS.replayedAt]: '2026-11-27T12:30:00.000Z',
        },
      },
    ]);
  });

  it('parses the command line, and answers a wrong one with exit 2 and the usage without touching Kafka', async () => {
    expect(parseDlqArgs(['list', 'c'])).toEqual({ command: 'list', consumer: 'c' });
    expect(parseDlqArgs(['show', 'c', '--offset', '2:17'])).toEqual({
      command: 'show',
      consumer: 'c',
      selector: { kind: 'offset', partition: 2, offset: '17' },
    });
    expect(parseDlqArgs(['replay', 'c', '--all', '--dry-run'])).toEqual({
      command: 'replay',
      consumer: 'c',
      selector: { kind: 'all' },
      dryRun: true,
    });
    expect(parseDlqArgs(['--help'])).toEqual({ command: 'help' });
    const kafka = jest.fn();
    const wrong = [
      [],
      ['purge', 'c'],
      ['list'],
      ['list', 'c', '--all'],
      ['show', 'c', '--all'],
      ['show', 'c'],
      ['show', 'c', '--id', 'a', '--dry-run'],
      ['replay', 'c', '--id', 'a', '--all'],
      ['replay', 'c', '--offset', 'x'],
      ['replay', 'c', '--bogus'],
      ['list', 'a b'],
    ];
    for (const argv of wrong) {
      const errors: string[] = [];
      await expect(runDlqCommand(argv, { kafka, out: () => undefined, err: (l) => errors.push(l) })).resolves.toBe(2);
      expect(errors.join('\n')).toContain('usage: npm run dlq');
    }
    expect(kafka).not.toHaveBeenCalled();
  });
});
