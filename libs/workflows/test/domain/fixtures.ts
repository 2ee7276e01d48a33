import type { DecisionPolicy } from '@sanshe/contracts';
import type { DecisionContext, ObjectionReason } from '../../src/decision/domain/decision-state';
import type { VoteRequest } from '../../src/decision/domain/votes';
import { streetExample } from '../../src/examples/street-example';

/** The street example's parties and policy: five seats, quorum 5 of 8, two escalation levels. */
export const {
  community: COMMUNITY,
  residents: RESIDENTS,
  talent: TALENT,
  funder: FUNDER,
  peer: PEER,
  proposer: PROPOSER,
  street: STREET,
  district: DISTRICT,
} = streetExample.parties;

export const streetPolicy = streetExample.policy;

export const streetCtx = (overrides: Partial<DecisionPolicy> = {}, proposerId = PROPOSER): DecisionContext => ({
  policy: streetPolicy(overrides),
  proposerId,
});

export const SAFETY: ObjectionReason = streetExample.objection;

export const approve = (partyId: string, round?: number): VoteRequest => ({
  partyId,
  castBy: partyId,
  choice: 'approve',
  ...(round === undefined ? {} : { round }),
});
export const object = (partyId: string, reason: ObjectionReason = SAFETY): VoteRequest => ({
  partyId,
  castBy: partyId,
  choice: 'object',
  reason,
});
export const abstain = (partyId: string): VoteRequest => ({ partyId, castBy: partyId, choice: 'abstain' });
