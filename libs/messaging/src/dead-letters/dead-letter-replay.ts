import type { Producer } from 'kafkajs';
import { deadLetterTopic } from '@sanshe/contracts';
import { topicOnWire } from '../topic-names';
import { type DeadLetter, DEAD_LETTER_REPLAY_HEADERS } from './dead-letter-log';

/** Which dead letters a command is about: one event id, one position on the dead-letter topic, or all. */
export type DeadLetterSelector =
  { kind: 'id'; id: string } | { kind: 'offset'; partition?: number; offset: string } | { kind: 'all' };

export class AmbiguousOffsetError extends Error {
  override name = 'AmbiguousOffsetError';
}

export function selectDeadLetters(letters: DeadLetter[], selector: DeadLetterSelector): DeadLetter[] {
  switch (selector.kind) {
    case 'all':
      return letters;
    case 'id':
      return letters.filter((letter) => letter.event?.id === selector.id);
    case 'offset': {
      const chosen = letters.filter(
        (letter) =>
          letter.offset === selector.offset &&
          (selector.partition === undefined || letter.partition === selector.partition),
      );
      if (chosen.length > 1) {
        throw new AmbiguousOffsetError(
          `offset ${selector.offset} is on several partitions (${chosen.map((l) => l.position).join(', ')}): ` +
            'give --offset <partition>:<offset>',
        );
      }
      return chosen;
    }
  }
}

/** One line naming a dead letter and the event in it. */
export const describeDeadLetter = (letter: DeadLetter) =>
  `${letter.position} ${letter.event?.type ?? '(unparsable)'} ${letter.event?.source ?? '-'} ${letter.event?.id ?? '-'}`;

/**
 * Re-publishes each dead letter not replayed yet to its original topic with its original key and value
 * (partitioned by key, as the first time), so the event keeps its CloudEvents source and id and a
 * consumer's inbox still deduplicates it; then appends a marker so the next replay skips it. A crash
 * between the two sends it again next time, which the inbox absorbs. Reports one line per dead letter
 * as it goes, so a failure part-way still shows what was done. The original topic is the one on the wire (the
 * headers name it so); the marker goes to the group's dead-letter topic with `topicPrefix` before it.
 */
export async function replayDeadLetters(
  producer: Producer | undefined,
  consumerGroup: string,
  letters: DeadLetter[],
  options: { dryRun: boolean; report: (line: string) => void; now?: () => Date; topicPrefix?: string },
): Promise<void> {
  for (const letter of letters) {
    const target = `${letter.originalTopic} (was ${letter.originalPartition}@${letter.originalOffset})`;
    if (!letter.originalTopic) {
      options.report(`skipped ${describeDeadLetter(letter)}: it names no original topic`);
    } else if (letter.replayedAt) {
      options.report(`skipped ${describeDeadLetter(letter)}: already replayed at ${letter.replayedAt}`);
    } else if (options.dryRun || !producer) {
      options.report(`would replay ${describeDeadLetter(letter)} to ${target}`);
    } else {
      await producer.send({
        topic: letter.originalTopic,
        acks: -1,
        messages: [{ key: letter.key, value: letter.value }],
      });
      const replayedAt = (options.now?.() ?? new Date()).toISOString();
      await producer.send({
        topic: topicOnWire(options.topicPrefix, deadLetterTopic(consumerGroup)),
        acks: -1,
        messages: [
          {
            key: letter.key,
            value: null,
            headers: {
              [DEAD_LETTER_REPLAY_HEADERS.replayOf]: letter.position,
              [DEAD_LETTER_REPLAY_HEADERS.replayedAt]: replayedAt,
            },
          },
        ],
      });
      options.report(`replayed ${describeDeadLetter(letter)} to ${target}`);
    }
  }
}
