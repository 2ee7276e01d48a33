import { createHash } from 'node:crypto';
import type { EventType, NewEvent, ObjectionReason, SubstantiatedReason, VoteChoice } from '@sanshe/contracts';
import type { Caller } from '../../access/talent-access';
import { voteEventId } from '../../votes/domain/talent-vote';
import type { VerificationSubject } from './verification-subject';

/*
 * The independent assessor's seat (pure): the binding talent keeps per milestone verification, who may
 * act on it, and the events talent sends for the seat. Governance accepts a vote only from the party
 * itself (castBy = partyId), so castBy is the seat: talent attests that its bound worker acted, and
 * keeps the worker and the token's sub beside each event it sent.
 */

export const ASSESSOR_SEAT = 'talent:independent-assessor';
export const VERIFICATION_KIND = 'milestone-verification';

/**
 * A worker acting for themself: talent had no worker tokens before the assessor, so the role is new
 * and the party names the worker (`talent-worker:<workerId>`, apps/talent/README.md "Roles").
 */
export const WORKER_ROLE = 'talent-worker';
export const workerParty = (workerId: string) => `talent-worker:${workerId}`;

export interface AssessorBinding {
  decisionId: string;
  subjectId: string;
  organizationId: string;
  workerId: string | null;
  status: 'bound' | 'unbound';
  reason: string;
  round: number;
  deadline: string | null;
  closed: boolean;
  result: string | null;
  boundAt: string;
}

/** Whether the token is the worker's own (their role and party). */
export const isWorker = (caller: Caller, workerId: string) =>
  caller.roles.includes(WORKER_ROLE) && caller.parties.includes(workerParty(workerId));

/** Why `caller` may not act on the binding's seat (null: they are its bound worker). */
export function seatRefusal(caller: Caller, binding: AssessorBinding, action: string): string | null {
  if (binding.workerId !== null && isWorker(caller, binding.workerId)) return null;
  return (
    `${caller.sub} may not ${action} for ${ASSESSOR_SEAT} on ${binding.decisionId}: only its bound assessor ` +
    `${binding.workerId} may, with the role ${WORKER_ROLE} for ${workerParty(binding.workerId ?? '')}`
  );
}

export const VOTE_TYPE = 'sanshe.talent.decision.vote-cast.v1';
export const OBJECTION_TYPE = 'sanshe.talent.disbursement.objection-raised.v1';
export const CLAWBACK_TYPE = 'sanshe.talent.disbursement.clawback-proposed.v1';

type Outgoing<T extends EventType> = Omit<NewEvent<T>, 'source'>;

/** The seat's vote of a round, under the votes feature's idempotent id (one event per decision, seat, round). */
export function assessorVote(
  decisionId: string,
  { choice, round, reason }: { choice: VoteChoice; round: number; reason?: ObjectionReason },
): Outgoing<typeof VOTE_TYPE> {
  const data = {
    decisionId,
    partyId: ASSESSOR_SEAT,
    castBy: ASSESSOR_SEAT,
    choice,
    round,
    ...(reason ? { reason } : {}),
  };
  return { type: VOTE_TYPE, id: voteEventId(decisionId, ASSESSOR_SEAT, round), subject: decisionId, data };
}

/** The reason code of the abstention talent casts when nobody may assess. */
export const NO_ASSESSOR = 'no-independent-assessor';

/**
 * One request of a kind per verification decision: the type and the SHA-256 of the decision id, since
 * governance's request-refused names the request by an Id (no `/`, at most 128 characters).
 */
export const requestEventId = (type: string, decisionId: string) =>
  `${type}:${createHash('sha256').update(decisionId).digest('hex')}`;

/** An objection during the tranche's public notice; one per verification decision. */
export function assessorObjection(
  decisionId: string,
  { grantId, trancheNo }: VerificationSubject,
  reason: SubstantiatedReason,
): Outgoing<typeof OBJECTION_TYPE> {
  const data = { grantId, trancheNo, partyId: ASSESSOR_SEAT, castBy: ASSESSOR_SEAT, reason };
  return { type: OBJECTION_TYPE, id: requestEventId(OBJECTION_TYPE, decisionId), subject: grantId, data };
}

/** A clawback proposal of the paid tranche; one per verification decision. */
export function assessorClawback(
  decisionId: string,
  { grantId, trancheNo }: VerificationSubject,
  { reason, amount }: { reason: SubstantiatedReason; amount: { amountFen: number; currency: string } },
): Outgoing<typeof CLAWBACK_TYPE> {
  const data = { grantId, trancheNo, amount, partyId: ASSESSOR_SEAT, castBy: ASSESSOR_SEAT, reason };
  return { type: CLAWBACK_TYPE, id: requestEventId(CLAWBACK_TYPE, decisionId), subject: grantId, data };
}
