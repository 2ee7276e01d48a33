import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Typed keys for the search attributes operators filter on in the Temporal UI. The names and types
 * must match SEARCH_ATTRIBUTES in @sanshe/contracts, which infra/local registers on the namespace
 * (a test checks they agree; this file cannot import that value into the workflow sandbox cheaply).
 */
export const DecisionKindKey = defineSearchAttributeKey('DecisionKind', SearchAttributeType.KEYWORD);
export const CommunityCodeKey = defineSearchAttributeKey('CommunityCode', SearchAttributeType.KEYWORD);
/** Party ids whose vote (or arbitration) the decision is waiting for. */
export const PendingPartiesKey = defineSearchAttributeKey('PendingParties', SearchAttributeType.KEYWORD_LIST);
export const StageKey = defineSearchAttributeKey('Stage', SearchAttributeType.KEYWORD);
/** 0 while the parties vote; 1, 2, … once escalated up the administrative hierarchy. */
export const EscalationLevelKey = defineSearchAttributeKey('EscalationLevel', SearchAttributeType.INT);
/** The earliest deadline among the pending parties (unset once decided). */
export const DeadlineKey = defineSearchAttributeKey('Deadline', SearchAttributeType.DATETIME);

export const DECISION_SEARCH_ATTRIBUTE_KEYS = [
  DecisionKindKey,
  CommunityCodeKey,
  PendingPartiesKey,
  StageKey,
  EscalationLevelKey,
  DeadlineKey,
];
