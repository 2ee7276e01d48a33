import { parseArgs } from 'node:util';
import type { Kafka } from 'kafkajs';
import { deadLetterTopic } from '@sanshe/contracts';
import { topicOnWire } from '../topic-names';
import { createReliableProducer } from '../kafka.module';
import { type DeadLetter, readDeadLetters } from './dead-letter-log';
import {
  AmbiguousOffsetError,
  type DeadLetterSelector,
  describeDeadLetter,
  replayDeadLetters,
  selectDeadLetters,
} from './dead-letter-replay';

export const DLQ_USAGE = `usage: npm run dlq -- list <consumer>
       npm run dlq -- show <consumer> --id <event id> | --offset [<partition>:]<dlq offset>
       npm run dlq -- replay <consumer> --id <event id> | --offset [<partition>:]<dlq offset> | --all [--dry-run]
  <consumer> is the consumer group; its dead letters are on sanshe.dlq.<consumer>.
  replay re-publishes to the original topic with the original key and value, once (a marker records it).
  exit: 0 done, 1 no dead letter matched, 2 usage`;

export type DlqRequest =
  | { command: 'help' }
  | { command: 'list'; consumer: string }
  | { command: 'show'; consumer: string; selector: DeadLetterSelector }
  | { command: 'replay'; consumer: string; selector: DeadLetterSelector; dryRun: boolean };

export class DlqUsageError extends Error {
  override name = 'DlqUsageError';
}

function selectorOf(values: { id?: string; offset?: string; all?: boolean }, allowAll: boolean): DeadLetterSelector {
  const given = [values.id !== undefined, values.offset !== undefined, values.all === true].filter(Boolean).length;
  if (given !== 1) throw new DlqUsageError(`give exactly one of --id, --offset${allowAll ? ', --all' : ''}`);
  if (values.all) {
    if (!allowAll) throw new DlqUsageError('--all is for replay only');
    return { kind: 'all' };
  }
  if (values.id !== undefined) return { kind: 'id', id: values.id };
  const position = /^(?:(\d+):)?(\d+)$/.exec(values.offset ?? '');
  if (!position) throw new DlqUsageError(`--offset must be <offset> or <partition>:<offset>, not "${values.offset}"`);
  return {
    kind: 'offset',
    partition: position[1] === undefined ? undefined : Number(position[1]),
    offset: position[2] ?? '',
  };
}

/** The command line as a request; throws DlqUsageError (exit 2) when it is not one. */
export function parseDlqArgs(argv: string[]): DlqRequest {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        id: { type: 'string' },
        offset: { type: 'string' },
        all: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new DlqUsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help' };
  const [command, consumer, ...extra] = positionals;
  if (!command || !['list', 'show', 'replay'].includes(command)) throw new DlqUsageError('give list, show or replay');
  if (!consumer || extra.length > 0) throw new DlqUsageError('give exactly one <consumer>');
  if (!/^[A-Za-z0-9._-]+$/.test(consumer)) throw new DlqUsageError(`"${consumer}" is not a consumer group name`);
  if (command !== 'replay' && values['dry-run']) throw new DlqUsageError('--dry-run is for replay only');
  if (command === 'list') {
    if (values.id !== undefined || values.offset !== undefined || values.all) {
      throw new DlqUsageError('list takes no --id, --offset or --all');
    }
    return { command, consumer };
  }
  if (command === 'show') return { command, consumer, selector: selectorOf(values, false) };
  return { command: 'replay', consumer, selector: selectorOf(values, true), dryRun: values['dry-run'] === true };
}

const isoTime = (timestamp: string) => new Date(Number(timestamp)).toISOString();

/** One line per dead letter: where it is, where it came from, the event, the attempts, the time and why. */
export const listLine = (letter: DeadLetter) =>
  [
    describeDeadLetter(letter),
    `from ${letter.originalTopic}/${letter.originalPartition}@${letter.originalOffset}`,
    `attempts=${letter.attempts}`,
    isoTime(letter.timestamp),
    letter.replayedAt ? `replayed=${letter.replayedAt}` : undefined,
    `reason: ${(letter.reason.split('\n')[0] ?? '').slice(0, 200)}`,
  ]
    .filter(Boolean)
    .join('  ');

/** The full headers and the event (as JSON when it parses) of a dead letter. */
export function showText(consumer: string, letter: DeadLetter, topicPrefix = ''): string {
  let event: unknown = letter.value === null ? null : String(letter.value);
  try {
    event = JSON.parse(String(event));
  } catch {
    // not JSON: shown as text
  }
  const dlq = {
    topic: topicOnWire(topicPrefix, deadLetterTopic(consumer)),
    partition: letter.partition,
    offset: letter.offset,
  };
  const shown = {
    dlq: { ...dlq, timestamp: isoTime(letter.timestamp) },
    key: letter.key === null ? null : String(letter.key),
    headers: letter.headers,
    replayedAt: letter.replayedAt ?? null,
    event,
  };
  return JSON.stringify(shown, null, 2);
}

export interface DlqIo {
  kafka: () => Kafka;
  /** KAFKA_TOPIC_PREFIX: the dead letters of the consumers that run with it. */
  topicPrefix?: string;
  out: (line: string) => void;
  err: (line: string) => void;
  readTimeoutMs?: number;
}

/** Runs `npm run dlq -- …`; resolves to the exit code: 0 done, 1 no dead letter matched, 2 usage. */
export async function runDlqCommand(argv: string[], io: DlqIo): Promise<number> {
  let request: DlqRequest;
  try {
    request = parseDlqArgs(argv);
  } catch (err) {
    if (!(err instanceof DlqUsageError)) throw err;
    io.err(`dlq: ${err.message}\n${DLQ_USAGE}`);
    return 2;
  }
  if (request.command === 'help') {
    io.out(DLQ_USAGE);
    return 0;
  }
  const kafka = io.kafka();
  const letters = await readDeadLetters(kafka, request.consumer, io.readTimeoutMs, io.topicPrefix);
  let chosen: DeadLetter[];
  try {
    chosen = request.command === 'list' ? letters : selectDeadLetters(letters, request.selector);
  } catch (err) {
    if (!(err instanceof AmbiguousOffsetError)) throw err;
    io.err(`dlq: ${err.message}`);
    return 2;
  }
  if (chosen.length === 0) {
    const topic = topicOnWire(io.topicPrefix, deadLetterTopic(request.consumer));
    io.err(`dlq: no dead letter matched on ${topic} (${letters.length} there)`);
    return 1;
  }
  if (request.command === 'list') chosen.forEach((letter) => io.out(listLine(letter)));
  else if (request.command === 'show')
    chosen.forEach((letter) => io.out(showText(request.consumer, letter, io.topicPrefix)));
  else await replay(kafka, request.consumer, chosen, request.dryRun, io);
  return 0;
}

async function replay(kafka: Kafka, consumer: string, letters: DeadLetter[], dryRun: boolean, io: DlqIo) {
  if (dryRun) {
    await replayDeadLetters(undefined, consumer, letters, { dryRun, report: io.out, topicPrefix: io.topicPrefix });
    return;
  }
  const producer = createReliableProducer(kafka);
  await producer.connect();
  try {
    await replayDeadLetters(producer, consumer, letters, { dryRun, report: io.out, topicPrefix: io.topicPrefix });
  } finally {
    await producer.disconnect();
  }
}
