import type { Admin } from 'kafkajs';
import { createMissingTopics } from './topic-setup';

/** An error as kafkajs nests the broker's: the protocol error (with its type) as the cause. */
const kafkaError = (type: string) => new Error('wrapped', { cause: Object.assign(new Error(type), { type }) });

function fakeAdmin(createError: Error, metadataFailures: Error[]) {
  const metadataCalls: string[][] = [];
  const admin = {
    listTopics: async () => [],
    createTopics: async () => Promise.reject(createError),
    fetchTopicMetadata: async ({ topics }: { topics: string[] }) => {
      metadataCalls.push(topics);
      const failure = metadataFailures.shift();
      if (failure) throw failure;
      return { topics: [] };
    },
  } as unknown as Admin;
  return { admin, metadataCalls };
}

describe('createMissingTopics', () => {
  it('waits until the broker knows topics it created but first called unknown', async () => {
    const { admin, metadataCalls } = fakeAdmin(kafkaError('UNKNOWN_TOPIC_OR_PARTITION'), [
      kafkaError('UNKNOWN_TOPIC_OR_PARTITION'),
    ]);
    await expect(createMissingTopics(admin, ['t.new'], 3, () => undefined)).resolves.toBeUndefined();
    expect(metadataCalls).toEqual([['t.new'], ['t.new']]);
  });

  it('passes any other failure on at once', async () => {
    const { admin, metadataCalls } = fakeAdmin(kafkaError('TOPIC_AUTHORIZATION_FAILED'), []);
    await expect(createMissingTopics(admin, ['t.new'], 3, () => undefined)).rejects.toThrow('wrapped');
    expect(metadataCalls).toEqual([]);
  });
});
