import type { NewEvent, ObjectionReason } from '@sanshe/contracts';
import { isCommunityParty } from './community-decision';

/*
 * A filed proposal (filing instead of approval, docs/decisions.md) governance noticed to the community's
 * parties, and the call-ins their representatives send (pure rules). Governance counts the call-ins by
 * controller (the committee and the residents are one voice); the community only checks that the filing
 * still waits on the party.
 */

/** `withdrawn`: its proposer withdrew it before anyone called it in (closed, as `called-in` is). */
export type FilingStatus = 'noticed' | 'called-in' | 'withdrawn';

export interface CommunityFiling {
  decisionId: string;
  proposalId: string;
  communityCode: string;
  proposerId: string;
  callInUntil: string;
  /** The community's parties among governance's eligible ones (others call in through their own services). */
  eligiblePartyIds: string[];
  status: FilingStatus;
}

export interface CallInInput {
  proposalId: string;
  partyId: string;
  reason: ObjectionReason;
}

export interface CommunityCallIn {
  callInId: string;
  eventId: string;
  decisionId: string;
  proposalId: string;
  partyId: string;
  reason: ObjectionReason;
  castBySub: string;
  status: 'sent' | 'rejected';
  rejection: { code: string; reason: string } | null;
}

/** The community's parties a noticed filing seats: none means the filing is not the community's to keep. */
export const communityEligible = (eligiblePartyIds: readonly string[]): string[] =>
  eligiblePartyIds.filter(isCommunityParty);

/** What `filing.withdrawn` says of a filing, in the community's terms. */
export interface FilingWithdrawal {
  decisionId: string;
  proposalId: string;
  communityCode: string;
  proposerId: string;
  withdrawnAt: string;
}

/**
 * The filing after its `filing.noticed` (null: nothing to write). A known filing keeps its status: noticed
 * again is a duplicate, called in or withdrawn stays closed. A withdrawal read first left a row with no
 * seats: it takes the notice's window and seats, and stays withdrawn.
 */
export function filingAfterNotice(known: CommunityFiling | null, noticed: CommunityFiling): CommunityFiling | null {
  if (!known) return noticed;
  if (known.status === 'withdrawn' && known.eligiblePartyIds.length === 0) return { ...noticed, status: 'withdrawn' };
  return null;
}

/**
 * The filing after its `filing.withdrawn` (null: nothing to write): a noticed one is closed; one called in
 * or withdrawn already is left (governance withdraws a called-in filing as its decision, not with this
 * event). One not noticed yet is kept withdrawn with no seats, so its notice, read later, cannot open it.
 */
export function filingAfterWithdrawal(
  known: CommunityFiling | null,
  withdrawal: FilingWithdrawal,
): CommunityFiling | null {
  if (known) return known.status === 'noticed' ? { ...known, status: 'withdrawn' } : null;
  const { withdrawnAt, ...filing } = withdrawal;
  return { ...filing, callInUntil: withdrawnAt, eligiblePartyIds: [], status: 'withdrawn' };
}

/**
 * Why the filing does not wait on the party's call-in at `now` (null when it does): the party must be
 * eligible (`not-seated`); the filing still noticed (not called in, not withdrawn), not called in by the
 * party already, and within its window (`call-in-closed`). `earlier` is the party's earlier call-in of this filing, if any.
 */
export function callInRefusal(
  filing: CommunityFiling,
  partyId: string,
  earlier: CommunityCallIn | null,
  now: Date,
): { code: 'not-seated' | 'call-in-closed'; message: string } | null {
  const { proposalId } = filing;
  if (!filing.eligiblePartyIds.includes(partyId)) {
    return { code: 'not-seated', message: `the filing of ${proposalId} does not seat ${partyId}` };
  }
  if (filing.status !== 'noticed') {
    return { code: 'call-in-closed', message: `the filing of ${proposalId} is ${filing.status}` };
  }
  if (earlier) {
    return {
      code: 'call-in-closed',
      message: `${partyId} already called in the filing of ${proposalId} (call-in ${earlier.callInId})`,
    };
  }
  if (now.getTime() > Date.parse(filing.callInUntil)) {
    return {
      code: 'call-in-closed',
      message: `the filing of ${proposalId} could be called in until ${filing.callInUntil}`,
    };
  }
  return null;
}

type CallInRequested = Omit<NewEvent<'sanshe.community.filing.call-in-requested.v1'>, 'source'>;

/** The call-in and the one event that carries it to governance (castBy = the party: the community speaks for it). */
export function requestCallIn(
  callInId: string,
  input: CallInInput,
  filing: CommunityFiling,
  castBySub: string,
): { callIn: CommunityCallIn; event: CallInRequested } {
  const type = 'sanshe.community.filing.call-in-requested.v1';
  const eventId = `${type}:${callInId}`;
  const { proposalId, partyId, reason } = input;
  const { decisionId } = filing;
  const callIn: CommunityCallIn = {
    ...{ callInId, eventId, decisionId, proposalId, partyId, reason, castBySub },
    status: 'sent',
    rejection: null,
  };
  const data = { decisionId, proposalId, partyId, castBy: partyId, reason };
  return { callIn, event: { type, subject: decisionId, id: eventId, data } };
}
