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
        .filter(
          (row) =>
            !recorded.has(`${row.event_source} ${row.event_id}`) && recorded.add(`${row.event_source} ${row.event_id}`),
        ),
  } as unknown as EntityManager;
  const dataSource = { transaction: (work: (m: EntityManager) => Promise<unknown>) => work(manager) } as DataSource;
  const deadLettered: string[] = [];
  const deadLetters = { publish: async (_m: unknown, reason: string) => void deadLettered.push(reason) };
  const inbox = new InboxProcessor(dataSource, deadLetters as unknown as DeadLetterPublisher, {
    consumer: 'c',
    schema: 's',
  });
  return { inbox, deadLettered };
}

const valid = createEvent({
  type: 'sanshe.organization.proposal.submitted.v1',
  source: 'sanshe/organization',
  subject: 'p-1',
  data: proposalSubmitted.example,
});
/** The same event with a field its schema refuses: the envelope is still valid. */
const invalid = { ...valid, id: 'bad-1', data: { ...valid.data, title: 42 } };
const message = (event: unknown): IncomingMessage => ({
  topic: 't',
  partition: 0,
  offset: '0',
  timestamp: '0',
  key: 'p-1',
  value: JSON.stringify(event),
});
const applied: string[] = [];
const handlers: EventHandlers = {
  'sanshe.organization.proposal.submitted.v1': async (event) => void applied.push(event.id),
};

describe('InboxProcessor.answerInvalidData', () => {
  it('dead-letters invalid data when nobody answers it (as before)', async () => {
    const { inbox, deadLettered } = processor();
    expect(await inbox.process(message(invalid), handlers)).toBe('dead-lettered');
    expect(deadLettered).toEqual([expect.stringContaining('/data/title')]);
  });

  it('hands invalid data of a handled type to the answer, once, in an inbox transaction, with the field named', async () => {
    const { inbox, deadLettered } = processor();
    const answered: [string, string][] = [];
    inbox.answerInvalidData(async (event, reason) => (answered.push([event.id, reason]), true));
    expect(await inbox.process(message(invalid), handlers)).toBe('processed');
    expect(await inbox.process(message(invalid), handlers)).toBe('duplicate'); // redelivered: answered once
    expect(answered).toEqual([['bad-1', expect.stringContaining('/data/title')]]);
    expect(deadLettered).toEqual([]);
    expect(await inbox.process(message(valid), handlers)).toBe('processed'); // valid events go to their handler
    expect(applied).toContain(valid.id);
  });

  it('dead-letters what the answer declines, and what no handler would take', async () => {
    const { inbox, deadLettered } = processor();
    inbox.answerInvalidData(async () => false);
    expect(await inbox.process(message(invalid), handlers)).toBe('dead-lettered');
    expect(await inbox.process(message({ not: 'an event' }), handlers)).toBe('dead-lettered');
    expect(await inbox.process(message(invalid), {})).toBe('ignored'); // a type it does not handle
    expect(deadLettered).toHaveLength(2);
  });

  it('takes one answer per consumer', () => {
    const { inbox } = processor();
    inbox.answerInvalidData(async () => true);
    expect(() => inbox.answerInvalidData(async () => true)).toThrow('already answers');
  });
});
