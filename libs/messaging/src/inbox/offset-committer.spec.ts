import type { Consumer } from 'kafkajs';
import { OffsetCommitter } from './offset-committer';

function fakeConsumer(fail = false) {
  const commits: { topic: string; partition: number; offset: string }[][] = [];
  const consumer = {
    commitOffsets: async (offsets: { topic: string; partition: number; offset: string }[]) => {
      if (fail) throw new Error('broker away');
      commits.push(offsets);
    },
  } as unknown as Consumer;
  return { consumer, commits };
}

describe('OffsetCommitter', () => {
  it('commits the offset after the last processed message of each partition, once per flush', async () => {
    const { consumer, commits } = fakeConsumer();
    const committer = new OffsetCommitter(() => undefined, 60_000);
    committer.processed(consumer, 't', 0, '5');
    committer.processed(consumer, 't', 0, '6');
    committer.processed(consumer, 't', 1, '41');
    await committer.flush();
    expect(commits).toEqual([
      [
        { topic: 't', partition: 0, offset: '7' },
        { topic: 't', partition: 1, offset: '42' },
      ],
    ]);
    await committer.flush();
    expect(commits).toHaveLength(1); // nothing new, no round trip
  });

  it('flushes by itself after maxPending messages', async () => {
    const { consumer, commits } = fakeConsumer();
    const committer = new OffsetCommitter(() => undefined, 60_000, 3);
    for (const offset of ['1', '2', '3']) committer.processed(consumer, 't', 0, offset);
    await Promise.resolve();
    expect(commits).toEqual([[{ topic: 't', partition: 0, offset: '4' }]]);
  });

  it('keeps offsets whose commit failed for the next flush, without going past newer ones', async () => {
    const failing = fakeConsumer(true);
    const logs: string[] = [];
    const committer = new OffsetCommitter((m) => logs.push(m), 60_000);
    committer.processed(failing.consumer, 't', 0, '9');
    await committer.flush();
    expect(logs[0]).toMatch(/redelivered/);
    const healthy = fakeConsumer();
    committer.processed(healthy.consumer, 't', 1, '3');
    await committer.flush();
    expect(healthy.commits).toEqual([
      [
        { topic: 't', partition: 0, offset: '10' },
        { topic: 't', partition: 1, offset: '4' },
      ],
    ]);
  });
});
