import type { NewEvent, ObjectionReason } from '@sanshe/contracts';
import type { Rejection } from './org-vote';
import type { VoteConflictCode } from './vote-errors';

/*
 * A filed proposal (filing instead of approval) governance noticed to organization parties, and the
 * call-ins their admins send (pure rules). Governance counts the call-ins; the organization checks that
 * the filing waits on the party.
 */

export type FilingStatus = 'noticed' | 'called-in' | 'withdrawn';

export interface OrgFiling {
  decisionId: string;
  proposalId: string;
  communityCode: string;
  proposerId: string;
  callInUntil: string;
  eligiblePartyIds: string[];
  status: FilingStatus;
}

export interface CallInInput {
  proposalId: string;
  partyId: string;
  reason: ObjectionReason;
}

export interface OrgCallIn {
  callInId: string;
  eventId: string;
  decisionId: string;
  proposalId: string;
  partyId: string;
  reason: ObjectionReason;
  castBySub: string;
  status: 'sent' | 'rejected';
  rejection: Rejection | null;
}

/** What `filing.withdrawn` says of a filing, in the organization's terms. */
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
export function filingAfterNotice(known: OrgFiling | null, noticed: OrgFiling): OrgFiling | null {
  if (!known) return noticed;
  if (known.status === 'withdrawn' && known.eligiblePartyIds.length === 0) return { ...noticed, status: 'withdrawn' };
  return null;
}

/**
 * The filing after its `filing.withdrawn` (null: nothing to write): a noticed one is closed; one called in
 * or withdrawn already is left (governance withdraws a called-in filing as its decision, not with this
 * event). One not noticed yet is kept withdrawn with no seats, so its notice, read later, cannot open it.
 */
export function filingAfterWithdrawal(known: OrgFiling | null, withdrawal: FilingWithdrawal): OrgFiling | null {
  if (known) return known.status === 'noticed' ? { ...known, status: 'withdrawn' } : null;
  const { withdrawnAt, ...filing } = withdrawal;
  return { ...filing, callInUntil: withdrawnAt, eligiblePartyIds: [], status: 'withdrawn' };
}

/** Why the filing does not wait on the party's call-in at `now` (null when it does). */
export function callInRefusal(
  filing: OrgFiling,
  partyId: string,
  now: Date,
): { code: VoteConflictCode; message: string } | null {
  if (filing.proposerId === partyId) {
    return { code: 'own-proposal', message: `${partyId} filed ${filing.proposalId}: a proposer does not call it in` };
  }
  if (!filing.eligiblePartyIds.includes(partyId)) {
    return { code: 'not-seated', message: `the filing of ${filing.proposalId} does not seat ${partyId}` };
  }
  if (filing.status !== 'noticed') {
    return { code: 'call-in-closed', message: `the filing of ${filing.proposalId} is ${filing.status}` };
  }
  if (now.getTime() > Date.parse(filing.callInUntil)) {
    return {
      code: 'call-in-closed',
      message: `the filing of ${filing.proposalId} could be called in until ${filing.callInUntil}`,
    };
  }
  return null;
}

type CallInRequested = Omit<NewEvent<'sanshe.organization.filing.call-in-requested.v1'>, 'source'>;

/** The call-in and the one event that carries it to governance (castBy = the party). */
export function requestCallIn(
  callInId: string,
  input: CallInInput,
  filing: OrgFiling,
  castBySub: string,
): { callIn: OrgCallIn; event: CallInRequested } {
  const type = 'sanshe.organization.filing.call-in-requested.v1';
  const eventId = `${type}:${callInId}`;
  const { proposalId, partyId, reason } = input;
  const { decisionId } = filing;
  const callIn: OrgCallIn = {
    ...{ callInId, eventId, decisionId, proposalId, partyId, reason, castBySub },
    status: 'sent',
    rejection: null,
  };
  const data = { proposalId, decisionId, partyId, castBy: partyId, reason };
  return { callIn, event: { type, subject: decisionId, id: eventId, data } };
}
