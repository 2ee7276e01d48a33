import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/*
 * The disbursement's search attributes (names and kinds in SEARCH_ATTRIBUTES, @sanshe/contracts, which infra/local
 * registers): which grant, under which program, which tranche it is at and what that tranche pays, in fen.
 * Stage is the decision's StageKey, shared.
 */
export const GrantIdKey = defineSearchAttributeKey('GrantId', SearchAttributeType.KEYWORD);
export const ProgramIdKey = defineSearchAttributeKey('ProgramId', SearchAttributeType.KEYWORD);
export const TrancheNoKey = defineSearchAttributeKey('TrancheNo', SearchAttributeType.INT);
export const AmountDueFenKey = defineSearchAttributeKey('AmountDueFen', SearchAttributeType.INT);
