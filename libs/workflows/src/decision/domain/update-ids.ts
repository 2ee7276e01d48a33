/**
 * The ids of the Workflow Updates a decision applied, carried across continue-as-new. Temporal
 * deduplicates an update id only within one run; after continue-as-new a redelivered vote, amendment,
 * ruling or withdrawal would otherwise be applied again (a false second round, an old choice restored). Bounded:
 * the last UPDATE_IDS_KEPT per kind and per party, so the carried state stays small whatever happens.
 */

export type UpdateKind = 'vote' | 'amend' | 'arbitrate' | 'withdraw';

/** Per kind, per party (the voter, the proposer, the arbiter): the ids applied, oldest first. */
export type AppliedUpdateIds = Partial<Record<UpdateKind, Record<string, string[]>>>;

/** Enough for every redelivery window: a party sends a handful of updates per round, not sixteen. */
export const UPDATE_IDS_KEPT = 16;

export function wasApplied(ids: AppliedUpdateIds, kind: UpdateKind, partyId: string, updateId: string): boolean {
  return ids[kind]?.[partyId]?.includes(updateId) ?? false;
}

/** The ids with `updateId` added as the newest of its kind and party, the oldest dropped beyond `kept`. */
export function rememberApplied(
  ids: AppliedUpdateIds,
  kind: UpdateKind,
  partyId: string,
  updateId: string,
  kept = UPDATE_IDS_KEPT,
): AppliedUpdateIds {
  const byParty = ids[kind] ?? {};
  const previous = (byParty[partyId] ?? []).filter((id) => id !== updateId);
  const latest = [...previous, updateId].slice(-kept);
  return { ...ids, [kind]: { ...byParty, [partyId]: latest } };
}
