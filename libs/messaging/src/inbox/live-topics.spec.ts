import { Logger } from '@nestjs/common';
import { InboxKafkaServer } from './inbox-kafka-server';
import type { InboxService } from './inbox.service';
import { ConsumerNotRunningError, LiveTopics } from './live-topics';
import { runningConsumers } from './running-consumers';

/** An InboxKafkaServer with a fake kafkajs consumer and admin, recording what is asked of them, in order. */
function serverWithFakeConsumer(existingTopics: string[], failSubscribe = false) {
  const calls: string[] = [];
  const server = new InboxKafkaServer({ consumer: { groupId: 'g' }, postfixId: '' }, 10);
  const handler = Object.assign(async () => undefined, { isEventHandler: true });
  const consumer = {
    stop: async () => void calls.push('stop'),
    subscribe: async ({ topics, fromBeginning }: { topics: string[]; fromBeginning: boolean }) => {
      calls.push(`subscribe ${topics.join(',')} fromBeginning=${fromBeginning}`);
      if (failSubscribe) throw new Error('broker said no');
    },
    run: async () => void calls.push('run'),
  };
  const admin = {
    connect: async () => undefined,
    disconnect: async () => undefined,
    listTopics: async () => existingTopics,
    createTopics: async ({ topics }: { topics: { topic: string }[] }) =>
      void calls.push(`create ${topics.map((t) => t.topic).join(',')}`),
    describeConfigs: async () => ({ resources: [] }),
  };
  const internals = server as unknown as { consumer: unknown; client: unknown };
  internals.consumer = consumer;
  internals.client = { admin: () => admin };
  server.addHandler('a', handler, true);
  return { server, calls, handler, handlerOf: (topic: string) => server.getHandlerByPattern(topic) };
}

describe('InboxKafkaServer.consumeAlso', () => {
  beforeEach(() => jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it('creates the missing topic, then stops, subscribes to it from the beginning and runs again', async () => {
    const { server, calls, handler, handlerOf } = serverWithFakeConsumer(['a']);
    expect(await server.consumeAlso(['b', 'a', 'b'], 'a')).toEqual(['b']);
    expect(calls).toEqual(['create b', 'stop', 'subscribe b fromBeginning=true', 'run']);
    expect(handlerOf('b')).toBe(handler); // handled as `a` is
  });

  it('changes nothing for topics it consumes already', async () => {
    const { server, calls } = serverWithFakeConsumer(['a']);
    expect(await server.consumeAlso(['a'], 'a')).toEqual([]);
    expect(calls).toEqual([]);
  });

  it('refuses a likeTopic it has no handler for, before touching the consumer', async () => {
    const { server, calls } = serverWithFakeConsumer(['a']);
    await expect(server.consumeAlso(['b'], 'nope')).rejects.toThrow('no @ConsumeTopic handler for nope');
    expect(calls).toEqual([]);
  });

  it('runs the consumer again when the subscription fails: it never stays stopped', async () => {
    const { server, calls } = serverWithFakeConsumer(['a', 'b'], true);
    await expect(server.consumeAlso(['b'], 'a')).rejects.toThrow('broker said no');
    expect(calls).toEqual(['stop', 'subscribe b fromBeginning=true', 'run']);
  });

  it('restarts one at a time: a second call waits for the first', async () => {
    const { server, calls } = serverWithFakeConsumer(['a', 'b', 'c']);
    await Promise.all([server.consumeAlso(['b'], 'a'), server.consumeAlso(['c'], 'a')]);
    expect(calls).toEqual([
      ...['stop', 'subscribe b fromBeginning=true', 'run'],
      ...['stop', 'subscribe c fromBeginning=true', 'run'],
    ]);
  });
});

describe('LiveTopics', () => {
  const inbox = (group: string) => ({ consumerGroup: group, commitApplied: async () => undefined }) as InboxService;

  it('asks every consumer of its group in this process, and no other group', async () => {
    const asked: string[] = [];
    const mine = { consumeAlso: async (topics: string[]) => (asked.push(`mine ${topics}`), topics) };
    const theirs = { consumeAlso: async (topics: string[]) => (asked.push(`theirs ${topics}`), topics) };
    runningConsumers.add('live-spec-mine', mine);
    runningConsumers.add('live-spec-theirs', theirs);
    try {
      expect(await new LiveTopics(inbox('live-spec-mine')).consumeAlso(['t'], 'a')).toEqual(['t']);
      expect(asked).toEqual(['mine t']);
    } finally {
      runningConsumers.remove('live-spec-mine', mine);
      runningConsumers.remove('live-spec-theirs', theirs);
    }
  });

  it('says so when its consumer is not running', async () => {
    await expect(new LiveTopics(inbox('live-spec-none')).consumeAlso(['t'], 'a')).rejects.toThrow(
      ConsumerNotRunningError,
    );
  });
});
