import type { DataSource, EntityManager } from 'typeorm';
import { createEvent, proposalSubmitted } from '@sanshe/contracts';
import type { DeadLetterPublisher } from './dead-letters';
import type { EventHandlers } from './event-handlers';
import type { IncomingMessage } from './incoming-message';
import { InboxProcessor } from './inbox-processor';

/** An inbox whose table is a set in memory (the INSERT … RETURNING of InboxTable.record) and a transaction that just runs. */
function processor() {
  const recorded = new Set<string>();
  const manager = {
    query: async (_sql: string, [, sources, ids]: [string, string[], string[]]) =>
      sources
        .map((source, i) => ({ event_source: source, event_id: ids[i] as string }))
        .filter((row) => {
          const key = `${row.event_source} ${row.event_id}`;
          return !recorded.has(key) && recorded.add(key);
        }),
  } as unknown as EntityManager;
  const dataSource = { transaction: (work: (m: EntityManager) => Promise<unknown>) => work(manager) } as DataSource;
  const deadLetters = { publish: async () => undefined } as unknown as DeadLetterPublisher;
  return new InboxProcessor(dataSource, deadLetters, { consumer: 'c', schema: 's' });
}

const event = createEvent({
  type: 'sanshe.organization.proposal.submitted.v1',
  source: 'sanshe/organization',
  subject: 'p-1',
  data: proposalSubmitted.example,
});
const message = (offset: string, value: unknown = event): IncomingMessage => ({
  topic: 't',
  partition: 0,
  offset,
  timestamp: '0',
  key: 'p-1',
  value: JSON.stringify(value),
});

function recorder() {
  const applied: string[] = [];
  const handlers: EventHandlers = {
    'sanshe.organization.proposal.submitted.v1': async (e) => void applied.push(e.id),
  };
  return { applied, handlers };
}

describe('InboxProcessor.answerDuplicates', () => {
  it('without an answer a duplicate changes nothing (as before)', async () => {
    const inbox = processor();
    const { applied, handlers } = recorder();
    expect(await inbox.process(message('0'), handlers)).toBe('processed');
    expect(await inbox.process(message('1'), handlers)).toBe('duplicate');
    expect(applied).toEqual([event.id]);
  });

  it('hands a duplicate (not a fresh event) to the answer with its own delivery, the handler running once', async () => {
    const inbox = processor();
    const { applied, handlers } = recorder();
    const answered: [string, string][] = [];
    inbox.answerDuplicates(async (e, _manager, delivery) => void answered.push([e.id, delivery.offset]));
    expect(await inbox.process(message('0'), handlers)).toBe('processed');
    expect(answered).toEqual([]);
    expect(await inbox.process(message('1'), handlers)).toBe('duplicate');
    expect(answered).toEqual([[event.id, '1']]);
    expect(applied).toEqual([event.id]);
  });

  it('answers the second copy within one batch, after the first copy was applied', async () => {
    const inbox = processor();
    const { applied, handlers } = recorder();
    const order: string[] = [];
    const logging: EventHandlers = {
      'sanshe.organization.proposal.submitted.v1': async (e, m, d) => {
        order.push(`applied@${d.offset}`);
        await handlers['sanshe.organization.proposal.submitted.v1']?.(e, m, d);
      },
    };
    inbox.answerDuplicates(async (_e, _manager, delivery) => void order.push(`answered@${delivery.offset}`));
    const outcomes = await inbox.processBatch([
      { message: message('0'), handlers: logging },
      { message: message('1'), handlers: logging },
    ]);
    expect(outcomes).toEqual(['processed', 'duplicate']);
    expect(order).toEqual(['applied@0', 'answered@1']);
    expect(applied).toEqual([event.id]);
  });

  it('retries a duplicate whose answer failed, like a failed handler', async () => {
    const inbox = processor();
    const { handlers } = recorder();
    let fails = 1;
    inbox.answerDuplicates(async () => {
      if (fails-- > 0) throw new Error('database away');
    });
    expect(await inbox.process(message('0'), handlers)).toBe('processed');
    expect(await inbox.process(message('1'), handlers)).toBe('retry-later');
    expect(await inbox.process(message('1'), handlers)).toBe('duplicate');
  });

  it('takes one answer per consumer', () => {
    const inbox = processor();
    inbox.answerDuplicates(async () => undefined);
    expect(() => inbox.answerDuplicates(async () => undefined)).toThrow('already answers duplicates');
  });
});
