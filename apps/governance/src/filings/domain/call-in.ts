/**
 * Filing instead of approval (docs/decisions.md): a low-risk activity is filed and goes ahead; the seated
 * parties of its community's activity-proposal policy, the proposer aside, may call it in within a window;
 * once accepted call-ins span `callInControllers` distinct controllers, it becomes a normal decision.
 * Pure rules: no I/O, times in ms since the epoch.
 */

export type FilingStatus = 'noticed' | 'called-in' | 'withdrawn';

/** What the rules read of a filing. */
export interface FilingForCallIn {
  proposerId: string;
  /** The bound seats of the community's policy, less the proposer. */
  eligiblePartyIds: readonly string[];
  callInUntil: number;
  status: FilingStatus;
  /** The parties whose call-in was accepted so far. */
  acceptedPartyIds: readonly string[];
}

/** One party asking for a filing to be decided. */
export interface CallInRequest {
  partyId: string;
  /** The identity the producing service or portal authenticated. */
  castBy: string;
  /** When it entered the platform (the broker's append time), else when it arrived. */
  castAt: number;
}

export type CallInRefusalCode =
  'wrong-identity' | 'conflict-of-interest' | 'not-a-party' | 'filing-closed' | 'call-in-closed';

export interface CallInRefusal {
  code: CallInRefusalCode;
  reason: string;
}

/** The counting part of the filing rule (FILING_RULE in contracts). */
export interface CallInQuorum {
  callInControllers: number;
}

/**
 * Why `callIn` does not count on `filing` (a refusal), `duplicate` when the party's call-in was accepted
 * already (no second effect), or null: it counts. A call-in on a filing already called in counts too;
 * it only adds a name, the decision is open.
 */
export function checkCallIn(filing: FilingForCallIn, callIn: CallInRequest): CallInRefusal | 'duplicate' | null {
  const { partyId, castBy, castAt } = callIn;
  if (castBy !== partyId) {
    return {
      code: 'wrong-identity',
      reason: `${castBy} cannot call in a filing for ${partyId}: only a party speaks for itself`,
    };
  }
  if (partyId === filing.proposerId) {
    return {
      code: 'conflict-of-interest',
      reason: `${partyId} filed this activity: the proposer cannot call in its own filing`,
    };
  }
  if (!filing.eligiblePartyIds.includes(partyId)) {
    return {
      code: 'not-a-party',
      reason: `${partyId} holds no seat in this community's activity-proposal policy (eligible: ${filing.eligiblePartyIds.join(', ')})`,
    };
  }
  if (filing.acceptedPartyIds.includes(partyId)) return 'duplicate';
  if (filing.status === 'withdrawn') {
    return { code: 'filing-closed', reason: 'the proposer withdrew this filing: there is nothing left to call in' };
  }
  if (castAt > filing.callInUntil) {
    return {
      code: 'call-in-closed',
      reason: `the call-in window closed at ${new Date(filing.callInUntil).toISOString()}; this was cast at ${new Date(castAt).toISOString()}`,
    };
  }
  return null;
}

/**
 * Whether the accepted call-ins call the filing in: they span at least `rule.callInControllers` distinct
 * controllers, so one controller speaking for several seats (a community's committee and its residents'
 * representatives) is one voice, and no single context can drag every filing back.
 */
export function calledIn(
  acceptedPartyIds: readonly string[],
  controllerOf: (partyId: string) => string | null,
  rule: CallInQuorum,
): boolean {
  const controllers = new Set(acceptedPartyIds.map(controllerOf).filter((c): c is string => c !== null));
  return controllers.size >= rule.callInControllers;
}
