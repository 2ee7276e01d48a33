/**
 * Custom search attributes operators use in the Temporal UI to find what is waiting on whom.
 * Registered on the namespace by infra/local (and by hand on a real cluster, see docs/operations.md).
 * Plain data so that this library stays free of SDK and I/O code.
 */
export type SearchAttributeKind = 'Keyword' | 'KeywordList' | 'Int' | 'Datetime' | 'Text' | 'Bool' | 'Double';

export const SEARCH_ATTRIBUTES = {
  DecisionKind: 'Keyword',
  CommunityCode: 'Keyword',
  PendingParties: 'KeywordList',
  Stage: 'Keyword',
  EscalationLevel: 'Int',
  Deadline: 'Datetime',
  // A grant's disbursement (docs/operations.md "Temporal UI"): which grant, under which program, which
  // tranche it is at and how much that tranche pays, in fen (an Int: amounts are never floats).
  GrantId: 'Keyword',
  ProgramId: 'Keyword',
  TrancheNo: 'Int',
  AmountDueFen: 'Int',
} as const satisfies Record<string, SearchAttributeKind>;

export type SearchAttributeName = keyof typeof SEARCH_ATTRIBUTES;
