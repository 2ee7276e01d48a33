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
