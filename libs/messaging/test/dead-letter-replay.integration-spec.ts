import type { INestApplication } from '@nestjs/common';
import { DEAD_LETTER_HEADERS } from '@sanshe/contracts';
import { eventually } from '@sanshe/testing';
import { type DeadLetter, type InboxService, PermanentEventError, readDeadLetters, runDlqCommand } from '../src';
import { kafka, messagingFixture, proposalEvent, readTopic, startConsumerApp } from './harness';

/** `npm run dlq -- …` in-process, with what it printed. */
async function dlq(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runDlqCommand(argv, { kafka: () => kafka, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function recordsOn(topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
  } finally {
    await admin.disconnect();
  }
}

describe('npm run dlq (real PostgreSQL, Kafka, Nest consumer)', () => {
  let fx: Awaited<ReturnType<typeof messagingFixture>>;
  let consumer: { app: INestApplication; inbox: InboxService; groupId: string };
  const broken = new Set(['poison-a', 'poison-b']); // the cause, until an operator fixes it

  beforeAll(async () => {
    fx = await messagingFixture('replay');
    consumer = await startConsumerApp({
      schema: fx.schema,
      topic: fx.topic,
      beforeEffect: (event) => {
        if (broken.has(event.subject)) throw new PermanentEventError(`${event.subject} cannot be applied yet`);
      },
    });
  });
  afterAll(async () => {
    await consumer?.app.close();
    await fx?.cleanup();
  });

  it('lists and shows dead letters, replays one by id (dry run first) once, then the rest with --all', async () => {
    await fx.dataSource.transaction(async (manager) => {
      await fx.writer.publish(manager, proposalEvent('poison-a', 1));
      await fx.writer.publish(manager, proposalEvent('poison-b', 1));
    });
    await fx.relayAll();
    let letters: DeadLetter[] = [];
    await eventually(async () => expect((letters = await readDeadLetters(kafka, consumer.groupId))).toHaveLength(2), {
      timeoutMs: 30_000,
    });
    const letterOf = (subject: string) => letters.find((l) => String(l.key) === subject)!;
    const [a, b] = [letterOf('poison-a'), letterOf('poison-b')];
    const idA = a.event!.id!;

    const listed = await dlq('list', consumer.groupId);
    expect(listed.code).toBe(0);
    expect(listed.out.split('\n')).toHaveLength(2);
    for (const letter of [a, b]) {
      expect(listed.out).toContain(
        `${letter.position} sanshe.organization.proposal.submitted.v1 sanshe/organization ${letter.event!.id}  from ${fx.topic}/`,
      );
    }
    expect(listed.out).toMatch(/attempts=1 .*reason: PermanentEventError: poison-a cannot be applied yet/);

    const shown = await dlq('show', consumer.groupId, '--id', idA);
    expect(shown.code).toBe(0);
    const shownJson = JSON.parse(shown.out) as { headers: Record<string, string>; event: { id: string }; key: string };
    expect(shownJson.headers[DEAD_LETTER_HEADERS.consumer]).toBe(consumer.groupId);
    expect(shownJson.headers[DEAD_LETTER_HEADERS.originalTopic]).toBe(fx.topic);
    expect(shownJson).toMatchObject({ key: 'poison-a', event: { id: idA } });
    expect(JSON.parse(shown.out)).toEqual(
      JSON.parse((await dlq('show', consumer.groupId, '--offset', a.position)).out),
    );
    expect((await dlq('show', consumer.groupId, '--id', 'no-such-event')).code).toBe(1);

    expect(await recordsOn(fx.topic)).toBe(2);
    const dry = await dlq('replay', consumer.groupId, '--id', idA, '--dry-run');
    expect(dry).toMatchObject({
      code: 0,
      out: `would replay ${a.position} sanshe.organization.proposal.submitted.v1 sanshe/organization ${idA} to ${fx.topic} (was ${a.originalPartition}@${a.originalOffset})`,
    });
    expect(await recordsOn(fx.topic)).toBe(2);

    broken.clear(); // the operator fixed the cause
    const replayed = await dlq('replay', consumer.groupId, '--id', idA);
    expect(replayed).toMatchObject({ code: 0, out: expect.stringMatching(/^replayed /) });
    expect(await recordsOn(fx.topic)).toBe(3);
    const copies = (await readTopic(fx.topic, 3)).filter((m) => m.value?.equals(a.value!));
    expect(copies.map((m) => String(m.key))).toEqual(['poison-a', 'poison-a']); // the original and its replay, unchanged
    await eventually(async () => expect((await fx.effects()).map((e) => e.event_id)).toEqual([idA]), {
      timeoutMs: 30_000,
    });

    const again = await dlq('replay', consumer.groupId, '--id', idA);
    expect(again).toMatchObject({ code: 0, out: expect.stringMatching(/^skipped .*already replayed at /) });
    expect(await recordsOn(fx.topic)).toBe(3);

    const rest = await dlq('replay', consumer.groupId, '--all');
    expect(rest.out.split('\n').map((line) => line.split(' ')[0])).toEqual(
      [a, b].sort((x, y) => x.position.localeCompare(y.position)).map((l) => (l === a ? 'skipped' : 'replayed')),
    );
    expect(await recordsOn(fx.topic)).toBe(4);
    await eventually(
      async () => expect((await fx.effects()).map((e) => e.event_id).sort()).toEqual([idA, b.event!.id].sort()),
      { timeoutMs: 30_000 },
    );
    expect((await dlq('replay', consumer.groupId, '--all')).out).not.toMatch(/^replayed/m);
    expect(await recordsOn(fx.topic)).toBe(4);
    expect((await dlq('list', consumer.groupId)).out.match(/replayed=/g)).toHaveLength(2);
    expect(consumer.inbox.processor.counts['dead-lettered']).toBe(2);
  });
});
