import { SEARCH_ATTRIBUTES } from '@sanshe/contracts/pure';
import {
  CommunityCodeKey,
  DeadlineKey,
  DECISION_SEARCH_ATTRIBUTE_KEYS,
  DecisionKindKey,
  EscalationLevelKey,
  PendingPartiesKey,
  StageKey,
} from '../../src/decision/search-attributes';

describe('search attribute keys', () => {
  it('has one typed key for every attribute the contracts define, and no other', () => {
    expect(DECISION_SEARCH_ATTRIBUTE_KEYS.map((key) => key.name)).toEqual(Object.keys(SEARCH_ATTRIBUTES));
  });

  it("gives each key the SDK's type for the kind the contracts name", () => {
    expect([DecisionKindKey, CommunityCodeKey, PendingPartiesKey, StageKey, EscalationLevelKey, DeadlineKey]).toEqual([
      { name: 'DecisionKind', type: 'KEYWORD' },
      { name: 'CommunityCode', type: 'KEYWORD' },
      { name: 'PendingParties', type: 'KEYWORD_LIST' },
      { name: 'Stage', type: 'KEYWORD' },
      { name: 'EscalationLevel', type: 'INT' },
      { name: 'Deadline', type: 'DATETIME' },
    ]);
    expect(Object.values(SEARCH_ATTRIBUTES)).toEqual([
      'Keyword',
      'Keyword',
      'KeywordList',
      'Keyword',
      'Int',
      'Datetime',
      'Keyword',
      'Keyword',
      'Int',
      'Int',
    ]);
  });
});
