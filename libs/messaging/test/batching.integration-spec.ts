import type { INestApplication } from '@nestjs/common';
import { deadLetterTopic, DEAD_LETTER_HEADERS } from '@sanshe/contracts';
import { sleep } from '@sanshe/common';
import { eventually } from '@sanshe/testing';
import {
  type DeadLetterPublisher,
  type EventHandlers,
  InboxProcessor,
  type InboxService,
  type IncomingMessage,
  PermanentEventError,
} from '../src';
import {
  breakOnPoison,
  incomingProposal,
  messagingFixture,
  proposalEvent,
  readTopic,
  seqOf,
  startConsumerApp,
} from './harness';

describe('inbox batches: several events of a partition in one transaction (real PostgreSQL)', () => {
  let fx: Awaited<ReturnType<typeof messagingFixture>>;
  const deadLettered: { offset: string; reason: string; attempts: number }[] = [];
  const deadLetters = {
    publish: async (message: IncomingMessage, reason: string, attempts: number) =>
      void deadLettered.push({ offset: message.offset, reason, attempts }),
  } as unknown as DeadLetterPublisher;
  let calls: Map<string, number>;

  beforeAll(async () => {
    fx = await messagingFixture('batch');
  });
  afterAll(async () => {
    await fx?.cleanup();
  });
  beforeEach(() => {
    deadLettered.length = 0;
    calls = new Map();
  });

  const processor = (consumer: string) =>
    new InboxProcessor(fx.dataSource, deadLetters, { consumer, schema: fx.schema, deadLetterAfterMs: 300 });
  /** Records each call, then fails for the subjects in `failing` (with `error`). */
  const handlers = (failing: Record<string, () => Error> = {}): EventHandlers => ({
    'sanshe.organization.proposal.submitted.v1': async (event, manager) => {
      calls.set(event.id, (calls.get(event.id) ?? 0) + 1);
      await manager.query(`INSERT INTO "${fx.schema}".effects (event_id, subject, seq) VALUES ($1, $2, $3)`, [
        event.id,
        event.subject,
        seqOf(event),
      ]);
      const fail = failing[event.subject];
      if (fail) throw fail(); // after a write: the rollback must undo it
    },
  });
  let offset = 0;
  const message = (subject: string, seq: number, id = `${subject}#${seq}:${offset}`): IncomingMessage =>
    incomingProposal(subject, seq, { id }, offset++);
  const effectsOf = async (subjects: string[]) =>
    (await fx.effects()).filter((e) => subjects.includes(e.subject)).map((e) => `${e.subject}#${e.seq}`);

  it('a batch with one failing event: those before it are applied, it and those after wait; past the deadline it is dead-lettered and the rest applied in order', async () => {
    const batch = [
      message('a1', 1),
      message('b1', 1),
      message('poison1', 1),
      message('a1', 2),
      message('b1', 2),
      message('a1', 3),
    ];
    const inbox = processor('c1');
    const failing = handlers({ poison1: () => new Error('always breaks') });
    const deliver = (messages: IncomingMessage[]) =>
      inbox.processBatch(messages.map((m) => ({ message: m, handlers: failing })));
    // A transient failure: nothing from the poison on is applied; the partition waits for its redelivery.
    expect(await deliver(batch)).toEqual([
      'processed',
      'processed',
      'retry-later',
      'retry-later',
      'retry-later',
      'retry-later',
    ]);
    expect(await effectsOf(['a1', 'b1', 'poison1'])).toEqual(['a1#1', 'b1#1']);
    const poison = batch[2] as IncomingMessage;
    expect(inbox.stalls.list()).toMatchObject([{ offset: poison.offset, attempts: 2 }]); // in the batch, then alone
    expect(deadLettered).toEqual([]);

    await sleep(300); // deadLetterAfterMs
    expect(await deliver(batch.slice(2))).toEqual(['dead-lettered', 'processed', 'processed', 'processed']);
    expect(await effectsOf(['a1', 'b1', 'poison1'])).toEqual(['a1#1', 'b1#1', 'a1#2', 'b1#2', 'a1#3']);
    // Its retry ran alone (one more try); the others ran at most twice (the batch that rolled back, then once
    // more): each effect is there once.
    const poisonId = JSON.parse(String(poison.value)).id as string;
    expect(calls.get(poisonId)).toBe(3);
    expect(deadLettered).toEqual([
      {
        offset: poison.offset,
        reason: expect.stringMatching(/^failing for longer than deadLetterAfterMs \(300 ms\), .*Error: always breaks$/),
        attempts: 3,
      },
    ]);
    expect(inbox.stalls.list()).toEqual([]);
  });

  it('a PermanentEventError in a batch dead-letters its event at once, without a retry', async () => {
    const batch = [message('a2', 1), message('perm2', 1), message('a2', 2)];
    const outcomes = await processor('c2').processBatch(
      batch.map((m) => ({ message: m, handlers: handlers({ perm2: () => new PermanentEventError('never') }) })),
    );
    expect(outcomes).toEqual(['processed', 'dead-lettered', 'processed']);
    expect(await effectsOf(['a2', 'perm2'])).toEqual(['a2#1', 'a2#2']);
    const permanent = batch[1] as IncomingMessage;
    expect(calls.get(JSON.parse(String(permanent.value)).id as string)).toBe(1);
    expect(deadLettered).toMatchObject([{ offset: permanent.offset, attempts: 1 }]);
  });

  it('duplicates inside a batch and of earlier batches are absorbed; invalid and unhandled messages are set aside', async () => {
    const first = message('a3', 1, 'dup-1');
    const c3 = processor('c3');
    expect(await c3.processBatch([{ message: first, handlers: handlers() }])).toEqual(['processed']);
    const invalid: IncomingMessage = { ...message('x', 1), value: '{"specversion":"1.0"}' };
    const unhandled = message('a3', 9);
    const batch = [
      { message: message('a3', 1, 'dup-1'), handlers: handlers() }, // applied by the earlier batch
      { message: message('a3', 2, 'dup-2'), handlers: handlers() },
      { message: invalid, handlers: handlers() },
      { message: message('a3', 2, 'dup-2'), handlers: handlers() }, // the same event twice in one batch
      { message: unhandled, handlers: {} },
      { message: message('a3', 3), handlers: handlers() },
    ];
    expect(await c3.processBatch(batch)).toEqual([
      'duplicate',
      'processed',
      'dead-lettered',
      'duplicate',
      'ignored',
      'processed',
    ]);
    expect(await effectsOf(['a3'])).toEqual(['a3#1', 'a3#2', 'a3#3']);
    expect(deadLettered).toMatchObject([{ offset: invalid.offset, attempts: 1 }]);
    expect(c3.counts).toEqual({ processed: 3, duplicate: 2, ignored: 1, 'dead-lettered': 1 });
  });
});

describe('event types without a handler (real PostgreSQL)', () => {
  let fx: Awaited<ReturnType<typeof messagingFixture>>;
  const deadLettered: { offset: string; reason: string; attempts: number }[] = [];
  const deadLetters = {
    publish: async (message: IncomingMessage, reason: string, attempts: number) =>
      void deadLettered.push({ offset: message.offset, reason, attempts }),
  } as unknown as DeadLetterPublisher;

  beforeAll(async () => {
    fx = await messagingFixture('unknown-type');
  });
  afterAll(async () => {
    await fx?.cleanup();
  });

  /** A valid envelope of `type`, which the catalogue may not know. */
  const ofType = (type: string, offset: number): IncomingMessage => {
    const message = incomingProposal('typed', 1, { id: `typed-${offset}` }, offset);
    return { ...message, value: JSON.stringify({ ...JSON.parse(String(message.value)), type }) };
  };

  it('dead-letters a type unknown to the catalogue in a namespace the consumer handles (unknown-type); skips the others', async () => {
    const handlers: EventHandlers = {
      'sanshe.organization.proposal.submitted.v1': async (event, manager) => {
        await manager.query(`INSERT INTO "${fx.schema}".effects (event_id, subject, seq) VALUES ($1, $2, $3)`, [
          event.id,
          event.subject,
          seqOf(event),
        ]);
      },
    };
    const batch = [
      ofType('sanshe.organization.proposal.teleported.v1', 0), // unknown, in sanshe.organization: for us, maybe
      ofType('sanshe.organization.proposal.submitted.v2', 1), // unknown version of a handled type: the same
      ofType('sanshe.organization.proposal.amended.v1', 2), // known, no handler here: for other consumers
      ofType('sanshe.talent.worker.relocated.v1', 3), // unknown, in a namespace this consumer handles nothing of
      ofType('sanshe.organization.proposal.submitted.v1', 4),
    ];
    const inbox = new InboxProcessor(fx.dataSource, deadLetters, { consumer: 'c', schema: fx.schema });
    expect(await inbox.processBatch(batch.map((message) => ({ message, handlers })))).toEqual([
      'dead-lettered',
      'dead-lettered',
      'ignored',
      'ignored',
      'processed',
    ]);
    expect(deadLettered).toEqual([
      {
        offset: '0',
        reason: expect.stringMatching(/^unknown-type: sanshe\.organization\.proposal\.teleported\.v1 /),
        attempts: 1,
      },
      {
        offset: '1',
        reason: expect.stringMatching(/^unknown-type: sanshe\.organization\.proposal\.submitted\.v2 /),
        attempts: 1,
      },
    ]);
    expect((await fx.effects()).map((e) => e.event_id)).toEqual(['typed-4']);
  });
});

describe('inbox batches through the Kafka transport (real PostgreSQL, Kafka, Nest consumer)', () => {
  const KEYS = 6;
  const PER_KEY = 40;
  let fx: Awaited<ReturnType<typeof messagingFixture>>;
  let consumer: { app: INestApplication; inbox: InboxService; groupId: string } | undefined;

  beforeAll(async () => {
    fx = await messagingFixture('batch-e2e');
  });
  afterAll(async () => {
    await consumer?.app.close();
    await fx?.cleanup();
  });

  it('applies a backlog in multi-event transactions, keeps each key in order, and dead-letters a poison in the middle alone', async () => {
    // The backlog is in Kafka before the consumer starts, so its fetches hand over many messages at once.
    await fx.dataSource.transaction(async (manager) => {
      for (let seq = 1; seq <= PER_KEY; seq++) {
        for (let k = 0; k < KEYS; k++) await fx.writer.publish(manager, proposalEvent(`key-${k}`, seq));
        if (seq === PER_KEY / 2) await fx.writer.publish(manager, proposalEvent('poison', 1));
      }
    });
    await fx.relayAll();

    const spy = jest.spyOn(InboxProcessor.prototype, 'processBatch');
    consumer = await startConsumerApp({
      schema: fx.schema,
      topic: fx.topic,
      consumer: { retryMaxDelayMs: 200, deadLetterAfterMs: 1_000 },
      beforeEffect: breakOnPoison,
    });

    await eventually(async () => expect(await fx.effects()).toHaveLength(KEYS * PER_KEY), { timeoutMs: 30_000 });
    const deadLetters = await readTopic(deadLetterTopic(consumer.groupId), 1, 30_000);
    expect(deadLetters).toHaveLength(1);
    const [dead] = deadLetters;
    expect(String(dead?.key)).toBe('poison');
    expect(Number(dead?.headers?.[DEAD_LETTER_HEADERS.attempts])).toBeGreaterThanOrEqual(3);
    expect(String(dead?.headers?.[DEAD_LETTER_HEADERS.error])).toContain('deadLetterAfterMs (1000 ms)');

    const effects = await fx.effects();
    expect(new Set(effects.map((e) => e.event_id)).size).toBe(KEYS * PER_KEY); // each exactly once
    expect(effects.some((e) => e.subject === 'poison')).toBe(false);
    for (let k = 0; k < KEYS; k++) {
      expect(effects.filter((e) => e.subject === `key-${k}`).map((e) => e.seq)).toEqual(
        Array.from({ length: PER_KEY }, (_, i) => i + 1),
      );
    }
    expect(consumer.inbox.processor.counts).toMatchObject({ processed: KEYS * PER_KEY, 'dead-lettered': 1 });
    const sizes = spy.mock.calls.map(([items]) => items.length);
    spy.mockRestore();
    expect(Math.max(...sizes)).toBeGreaterThan(1); // it did batch
  });
});
