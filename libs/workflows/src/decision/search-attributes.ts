import { SEARCH_ATTRIBUTES, type SearchAttributeKind, type SearchAttributeName } from '@sanshe/contracts/pure';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Typed keys for the search attributes operators filter on in the Temporal UI, derived from
 * SEARCH_ATTRIBUTES in @sanshe/contracts (which infra/local registers on the namespace), so that the
 * names and types are written once.
 */

/** The SDK's type for each kind the contracts name. */
const SDK_SEARCH_ATTRIBUTE_TYPE = {
  Keyword: SearchAttributeType.KEYWORD,
  KeywordList: SearchAttributeType.KEYWORD_LIST,
  Int: SearchAttributeType.INT,
  Datetime: SearchAttributeType.DATETIME,
  Text: SearchAttributeType.TEXT,
  Bool: SearchAttributeType.BOOL,
  Double: SearchAttributeType.DOUBLE,
} as const satisfies Record<SearchAttributeKind, SearchAttributeType>;

/** The typed key of one attribute (the SDK does not export its key type by name). */
type KeyOf<Name extends SearchAttributeName> = ReturnType<
  typeof defineSearchAttributeKey<(typeof SDK_SEARCH_ATTRIBUTE_TYPE)[(typeof SEARCH_ATTRIBUTES)[Name]]>
>;

const keyOf = <Name extends SearchAttributeName>(name: Name): KeyOf<Name> =>
  defineSearchAttributeKey(name, SDK_SEARCH_ATTRIBUTE_TYPE[SEARCH_ATTRIBUTES[name]]);

export const DecisionKindKey = keyOf('DecisionKind');
export const CommunityCodeKey = keyOf('CommunityCode');
/** Party ids whose vote (or arbitration) the decision is waiting for. */
export const PendingPartiesKey = keyOf('PendingParties');
export const StageKey = keyOf('Stage');
/** 0 while the parties vote; 1, 2, … once escalated up the administrative hierarchy. */
export const EscalationLevelKey = keyOf('EscalationLevel');
/** The earliest deadline among the pending parties (unset once decided). */
export const DeadlineKey = keyOf('Deadline');

/** One key for every attribute SEARCH_ATTRIBUTES defines. */
export const DECISION_SEARCH_ATTRIBUTE_KEYS = (Object.keys(SEARCH_ATTRIBUTES) as SearchAttributeName[]).map(keyOf);
