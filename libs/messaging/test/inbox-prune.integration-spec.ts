import type { INestApplication } from '@nestjs/common';
import { eventually } from '@sanshe/testing';
import { InboxProcessor, type InboxService } from '../src';
import { InboxPruner } from '../src/inbox/inbox-pruner';
import { InboxTable } from '../src/inbox/inbox-table';
import { incomingProposal, messagingFixture, noDeadLetters, recordIn, startConsumerApp } from './harness';

type Fixture = Awaited<ReturnType<typeof messagingFixture>>;

const DAY_MS = 24 * 3_600_000;
const OLD_ROWS = 12_001;

/** `count` inbox rows of `consumer` recorded `daysAgo` days ago, ids `<prefix>-<n>`; every third one a legacy ('') row. */
async function insertAged(fx: Fixture, consumer: string, prefix: string, count: number, daysAgo: number) {
  await fx.dataSource.query(
    `INSERT INTO "${fx.schema}".inbox (consumer, event_source, event_id, event_type, received_at)
     SELECT $1, CASE WHEN n % 3 = 0 THEN '' ELSE 'sanshe/organization' END, $2 || '-' || n,
            'sanshe.organization.proposal.submitted.v1', now() - make_interval(days => $4)
     FROM generate_series(1, $3) AS n`,
    [consumer, prefix, count, daysAgo],
  );
}

async function inboxRows(fx: Fixture): Promise<Record<string, number>> {
  const rows = (await fx.dataSource.query(
    `SELECT consumer || ':' || split_part(event_id, '-', 1) AS k, count(*)::int AS c FROM "${fx.schema}".inbox GROUP BY 1`,
  )) as { k: string; c: number }[];
  return Object.fromEntries(rows.map((r) => [r.k, r.c]));
}

describe('inbox pruning (real PostgreSQL)', () => {
  let fx: Fixture;

  beforeAll(async () => {
    fx = await messagingFixture('inbox-prune');
  });
  afterAll(async () => {
    await fx?.cleanup();
  });

  it('two instances pruning at once delete exactly the rows past the retention, in batches; recent events stay deduplicated', async () => {
    const processor = new InboxProcessor(fx.dataSource, noDeadLetters, { consumer: 'c', schema: fx.schema });
    const recent = incomingProposal('recent', 1, { id: 'recent-1' });
    const old = incomingProposal('old', 1, { id: 'old-1' }); // its row is inserted 15 days old below
    expect(await processor.process(recent, recordIn(fx))).toBe('processed');
    await insertAged(fx, 'c', 'old', OLD_ROWS, 15);
    await insertAged(fx, 'c', 'young', 10, 13); // within the 14 days
    await insertAged(fx, 'other', 'old', 5, 15); // another consumer's: its own pruner's business

    const batches = jest.spyOn(InboxTable.prototype, 'pruneBatch');
    const pruners = [1, 2].map(
      () =>
        new InboxPruner(fx.dataSource, new InboxTable(fx.schema, 'c'), { inboxPruneBatchSize: 1_000 }, () => undefined),
    );
    const pruned = await Promise.all(pruners.map((p) => p.prune()));
    const calls = batches.mock.calls.length;
    batches.mockRestore();

    expect(pruned[0]! + pruned[1]!).toBe(OLD_ROWS);
    expect(calls).toBeGreaterThanOrEqual(Math.ceil(OLD_ROWS / 1_000)); // never more than a batch per statement
    expect(await inboxRows(fx)).toEqual({ 'c:recent': 1, 'c:young': 10, 'other:old': 5 });
    expect(await processor.process(recent, recordIn(fx))).toBe('duplicate'); // still remembered
    expect(await processor.process(old, recordIn(fx))).toBe('processed'); // forgotten: why the retention is long
    expect(await pruners[0]!.prune()).toBe(0);
  });
});

describe('inbox pruning in the running consumer (real PostgreSQL, Kafka, Nest consumer)', () => {
  let fx: Fixture;
  let consumer: { app: INestApplication; inbox: InboxService; groupId: string } | undefined;

  beforeAll(async () => {
    fx = await messagingFixture('inbox-prune-app');
  });
  afterAll(async () => {
    await consumer?.app.close();
    await fx?.cleanup();
  });

  it('prunes its own rows past inboxRetentionMs on its interval, and stops with the app', async () => {
    consumer = await startConsumerApp({
      schema: fx.schema,
      topic: fx.topic,
      consumer: { inboxRetentionMs: 2 * DAY_MS, inboxPruneIntervalMs: 200 },
    });
    await insertAged(fx, consumer.groupId, 'old', 50, 3);
    await insertAged(fx, consumer.groupId, 'young', 7, 1);
    await eventually(async () => expect(await inboxRows(fx)).toEqual({ [`${consumer!.groupId}:young`]: 7 }), {
      timeoutMs: 10_000,
    });

    const { groupId } = consumer;
    await consumer.app.close();
    consumer = undefined;
    await insertAged(fx, groupId, 'late', 4, 3);
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // five intervals: a pruner left running would act
    expect(await inboxRows(fx)).toEqual({ [`${groupId}:young`]: 7, [`${groupId}:late`]: 4 });
  });
});
