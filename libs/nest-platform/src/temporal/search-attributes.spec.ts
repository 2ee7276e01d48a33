import type { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { SEARCH_ATTRIBUTES } from '@sanshe/contracts';
import { registerSearchAttributes } from './search-attributes';

const { IndexedValueType } = temporal.api.enums.v1;

/** A connection whose namespace already holds `existing` (or that cannot list them), recording what is added. */
function namespaceWith(existing: string[] | 'unimplemented') {
  const added: Record<string, number>[] = [];
  const operatorService = {
    listSearchAttributes: async () => {
      if (existing === 'unimplemented') throw Object.assign(new Error('unimplemented'), { code: 12 });
      return {
        customAttributes: Object.fromEntries(
          existing.map((name) => [name, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD]),
        ),
      };
    },
    addSearchAttributes: async ({ searchAttributes }: { searchAttributes: Record<string, number> }) => {
      added.push(searchAttributes);
      return {};
    },
  };
  return { connection: { operatorService } as unknown as Connection, added };
}

/** The attributes a dev server's database created before issue 16 holds. */
const BEFORE_DISBURSEMENT = ['DecisionKind', 'CommunityCode', 'PendingParties', 'Stage', 'EscalationLevel', 'Deadline'];

describe('registerSearchAttributes', () => {
  it('adds only the attributes a namespace created earlier lacks, each with its indexed type', async () => {
    const { connection, added } = namespaceWith(BEFORE_DISBURSEMENT);
    await registerSearchAttributes(connection, 'sanshe');
    expect(added).toEqual([
      {
        GrantId: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
        ProgramId: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
        TrancheNo: IndexedValueType.INDEXED_VALUE_TYPE_INT,
        AmountDueFen: IndexedValueType.INDEXED_VALUE_TYPE_INT,
      },
    ]);
  });

  it('adds nothing to a namespace that has them all', async () => {
    const { connection, added } = namespaceWith(Object.keys(SEARCH_ATTRIBUTES));
    await registerSearchAttributes(connection, 'sanshe');
    expect(added).toEqual([]);
  });

  it('adds every one where the server cannot list them (the time-skipping test server)', async () => {
    const { connection, added } = namespaceWith('unimplemented');
    await registerSearchAttributes(connection, 'default');
    expect(added.map((attributes) => Object.keys(attributes))).toEqual([Object.keys(SEARCH_ATTRIBUTES)]);
  });
});
